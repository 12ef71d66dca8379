/**
 * Every vendored mainnet block, executed in parallel under adversarial
 * hints, equals the sequential reference (receipts, outcomes, bloom and the
 * post-state byte for byte). The plans rotate over the blocks:
 *
 *   everything/monitor  every transaction after every other one (earlier and later,
 *                       up to the start-dependency capacity) and pre-marking the
 *                       locations the next 16 transactions touch; trust monitor on
 *   everything/always   the same, followed blindly to the end
 *   cycle               the true dependencies both ways, self-loops, indices outside
 *                       the block
 *   reversed            the true dependencies turned around, estimates on what each
 *                       transaction reads instead of what it writes
 *
 * Malformed hints are refused before execution (checkSchedulingHints).
 */
import { afterAll, describe, expect, it } from 'vitest'

import { adversarialHints } from '../../bench/hints/adversarialHints.js'
import { loadMainnetBlocks } from '../../bench/mainnetFixtures.js'
import type { BlockExecution } from '../../executor/blockExecution.js'
import { type SchedulingHints, executeParallel } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import type { TxAccess } from '../../executor/state/accessRecorder.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { checkSchedulingHints } from '../../src/hints/checkSchedulingHints.js'
import { executeBlock } from '../../src/index.js'
import { postStateJson } from '../../src/postStateJson.js'

afterAll(closeWorkerPool)

const blocks = loadMainnetBlocks().filter(({ input }) => input.parsed.block.transactions.length > 0)
const PLANS = ['everything/monitor', 'everything/always', 'cycle', 'reversed'] as const
type Plan = (typeof PLANS)[number]

function adversarial(plan: Plan, accesses: readonly TxAccess[]): SchedulingHints {
  if (plan === 'everything/monitor') return adversarialHints('everything', accesses, 'monitor')
  if (plan === 'everything/always') return adversarialHints('everything', accesses, 'always')
  return adversarialHints(plan, accesses)
}

function observable(execution: BlockExecution) {
  return {
    gasUsed: execution.gasUsed,
    logsBloom: Buffer.from(execution.logsBloom).toString('hex'),
    receiptsRoot: Buffer.from(execution.receiptsRoot).toString('hex'),
    outcomes: execution.outcomes.map((o) => (o.kind === 'invalid' ? { kind: o.kind, error: o.error } : { kind: o.kind, gasUsed: o.gasUsed, status: o.status, receipt: o.receipt })),
    postState: postStateJson(execution.postState()),
  }
}

describe('adversarial hints on every vendored mainnet block (2 workers)', () => {
  it.each(blocks.map(({ dir, input }, i) => [dir.split('/').pop()!, PLANS[i % PLANS.length]!, input] as const))('block %s, %s hints', async (_, plan, input) => {
    const reference = await executeSequential(input, { recordAccesses: true })
    const hints = adversarial(plan, reference.accesses!)
    const parallel = await executeParallel(input, { workers: 2, hints })
    expect(observable(parallel)).toEqual(observable(reference))
    const trust = parallel.stats.hintTrust as { distrusted: string } | undefined
    if (plan === 'everything/always') expect(trust?.distrusted ?? 'none').toBe('none')
  })
})

describe('malformed hints are refused before execution', () => {
  const dir = blocks[0]!.dir
  it.each([
    ['not an object', [1, 2]],
    ['an unknown field', { startAfter: [], dependsOn: [] }],
    ['a pair that is not whole numbers', { startAfter: [[1, 0.5]] }],
    ['a pair of three', { startAfter: [[3, 2, 1]] }],
    ['a location that is not a key', { estimates: [[0, ['balance of 0xabc']]] }],
    ['an unknown trust mode', { trust: 'sometimes' }],
  ])('%s', async (_, hints) => {
    expect(() => checkSchedulingHints(hints)).toThrow(/^hints/)
    await expect(executeBlock(dir, { hints: hints as SchedulingHints })).rejects.toMatchObject({ name: 'InputError' })
  })
})
