/**
 * Which basic blocks a function may execute, from evmole's control-flow
 * graph: everything reachable from the function's entry. Internal functions
 * return through dynamic jumps shared by all their callers; a dynamic target
 * is followed only when the block that pushed that return address (the last
 * block of its path) is itself reachable, so that `transfer` does not
 * "reach" the code after every other call site of a shared helper.
 */
import type { CfgBlock } from './evmoleAdapter.js'

/** Block ids reachable from `entry`, or undefined when the graph has no block there. */
export function reachableBlocks(blocks: ReadonlyMap<number, CfgBlock>, entry: number): Set<number> | undefined {
  if (!blocks.has(entry)) return undefined
  const reached = new Set<number>()
  const work = [entry]
  const withDynamicJumps: CfgBlock[] = []
  for (;;) {
    while (work.length > 0) {
      const id = work.pop()!
      if (reached.has(id)) continue
      const block = blocks.get(id)
      if (block === undefined) continue
      reached.add(id)
      for (const next of block.next) if (!reached.has(next)) work.push(next)
      if (block.dynamic.length > 0) withDynamicJumps.push(block)
    }
    for (const block of withDynamicJumps) {
      for (const { path, to } of block.dynamic) {
        const pusher = path[path.length - 1]
        if (!reached.has(to) && (pusher === undefined || reached.has(pusher))) work.push(to)
      }
    }
    if (work.length === 0) return reached
  }
}
