/**
 * The critical path of a toy block: the earliest time a schedule could
 * finish it with unlimited workers, if every read saw the right value the
 * first time. serialCost / criticalPath is the usual "ideal speedup" (the
 * number of workers bounds it too).
 *
 * Transaction j depends on transaction i < j when j reads a location L and i
 * is the last transaction before j that writes L absolutely, or writes a
 * DELTA to L after that last absolute write (a read evaluates every pending
 * increment). Blind writes and increments create no dependency: that is what
 * makes DELTAs (lazy credits) worth having. maybeWrites count as writes (the
 * bound stays a bound).
 *
 * Same timing model as the simulator: writes become visible when the writer
 * finishes; j's k-th of m reads happens at readFraction(k, m) of its cost. So
 * j may start before i finishes, as long as its read of i's write comes
 * after: start_j >= finish_i - readFraction(k, m) * cost_j. (That overlap is
 * what an engine resuming from a checkpoint before the read could exploit;
 * Block-STM re-executes from the start.)
 */
import type { LocationKey } from '../../src/shared/locations.js'
import { readFraction, type ToyBlock } from './toyBlock.js'

export function criticalPath(block: ToyBlock, model: { readonly overlap?: boolean } = {}): number {
  const overlap = model.overlap === true
  /** Per location: finish time of the last absolute writer, and the latest finish among DELTAs after it. */
  const lastValue = new Map<LocationKey, number>()
  const lastDelta = new Map<LocationKey, number>()
  let longest = 0
  for (const spec of block.transactions) {
    let start = 0
    spec.reads.forEach((key, k) => {
      const ready = Math.max(lastValue.get(key) ?? 0, lastDelta.get(key) ?? 0)
      start = Math.max(start, overlap ? ready - readFraction(k, spec.reads.length) * spec.cost : ready)
    })
    const finish = start + spec.cost
    for (const key of [...spec.writes, ...(spec.maybeWrites ?? [])]) {
      lastValue.set(key, finish)
      lastDelta.delete(key)
    }
    for (const key of spec.deltas ?? []) lastDelta.set(key, Math.max(lastDelta.get(key) ?? 0, finish))
    longest = Math.max(longest, finish)
  }
  return longest
}
