import type { BlockInput } from '../blockInput.js'

let nextBlockId = 1
const blockIds = new WeakMap<BlockInput, { id: number; text: SharedArrayBuffer }>()

/**
 * The block's identity for the workers' parse cache, and its block.json text
 * in shared memory (UTF-8): handed to every worker for every run without a
 * copy (a string would be cloned per worker per run: ~2 ms for a block of
 * 2,000 transactions); a worker decodes it only for a block it has not parsed.
 */
export function blockIdentity(input: BlockInput): { id: number; text: SharedArrayBuffer } {
  let identity = blockIds.get(input)
  if (identity === undefined) {
    if (input.rpcBlock === undefined) throw new Error('the parallel engine needs the block in its block.json form (BlockInput.rpcBlock)')
    const utf8 = new TextEncoder().encode(JSON.stringify(input.rpcBlock))
    const text = new SharedArrayBuffer(utf8.length)
    new Uint8Array(text).set(utf8)
    identity = { id: nextBlockId++, text }
    blockIds.set(input, identity)
  }
  return identity
}
