import { afterAll, describe, expect, it } from 'vitest'

import type { BlockExecution } from '../executor/blockExecution.js'
import { EVERY_READ } from '../executor/checkpoints/checkpointPolicy.js'
import { type ParallelOptions, executeParallel } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { loadMainnetBlocks } from '../bench/mainnetFixtures.js'
import { checkAgainstHeader } from '../src/headerCheck.js'
import { postStateJson } from '../src/postStateJson.js'

const blocks = loadMainnetBlocks()
const WORKER_COUNTS = [1, 2, 4, 8]

/**
 * Blocks where the engine falls back to sequential on purpose (counted, with
 * the reason): a 2016 contract self-destructs after this block wrote its
 * storage, which the multi-version memory cannot enumerate.
 */
const EXPECTED_FALLBACKS: Record<string, RegExp> = {
  '116525': /a contract whose storage this block wrote is deleted/,
}

afterAll(closeWorkerPool)

/** Everything a block execution must agree on, in comparable form. */
function observable(execution: BlockExecution) {
  return {
    gasUsed: execution.gasUsed,
    logsBloom: Buffer.from(execution.logsBloom).toString('hex'),
    receiptsRoot: Buffer.from(execution.receiptsRoot).toString('hex'),
    outcomes: execution.outcomes.map((outcome) =>
      outcome.kind === 'invalid'
        ? { kind: outcome.kind, error: outcome.error }
        : { kind: outcome.kind, gasUsed: outcome.gasUsed, status: outcome.status, createdAddress: outcome.createdAddress, receipt: outcome.receipt },
    ),
  }
}

/** The sequential reference's result per block, computed once (the pool is re-created only per worker count). */
const references = new Map<string, { expected: ReturnType<typeof observable>; state: string }>()
async function reference(name: string, input: (typeof blocks)[number]['input']) {
  let known = references.get(name)
  if (known === undefined) {
    const sequential = await executeSequential(input)
    known = { expected: observable(sequential), state: postStateJson(sequential.postState()) }
    references.set(name, known)
  }
  return known
}

/**
 * Worker counts outside, blocks inside: the warm pool is kept for a whole pass.
 * The last pass turns read checkpoints on with a checkpoint before every
 * outermost read, so re-executions resume mid-transaction wherever they can.
 */
const PASSES: readonly (readonly [string, ParallelOptions])[] = [
  ...WORKER_COUNTS.map((workers) => [`${workers} workers`, { workers }] as const),
  ['2 workers and read checkpoints', { workers: 2, checkpoints: EVERY_READ }],
]

describe.each(PASSES)('the parallel engine with %s equals the sequential reference on every vendored mainnet block', (_, options) => {
  it.each(blocks.map(({ dir, input }) => [dir.split('/').pop()!, input] as const))('block %s', async (name, input) => {
    const { expected, state } = await reference(name, input)
    const parallel = await executeParallel(input, options)
    const expectedFallback = EXPECTED_FALLBACKS[name]
    if (expectedFallback === undefined) expect(parallel.stats.fallbacks, `fell back: ${String(parallel.stats.fallbackReason)}`).toBe(0)
    else expect(String(parallel.stats.fallbackReason)).toMatch(expectedFallback)
    expect(observable(parallel)).toEqual(expected)
    expect(postStateJson(parallel.postState()) === state, 'post-state byte for byte').toBe(true)
    expect(checkAgainstHeader(input.parsed.block, parallel).ok).toBe(true)
  })
})
