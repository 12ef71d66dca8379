/**
 * Read checkpoints (executor/checkpoints): resuming a re-execution from any
 * checkpoint whose reads are still current must equal re-executing the
 * transaction from scratch in every observable — gas used and refunded,
 * error, return data, logs, warm addresses and slots (runTx's access list),
 * created address, the read set word for word and the write set.
 *
 * Each case: a block, the transactions before a target executed first in
 * order — but some skipped and some turned into ESTIMATEs afterwards, as an
 * abort does — then the target executed with a checkpoint before every
 * outermost read and call; then the skipped and ESTIMATE'd transactions run
 * (and a few run again), which changes what some of the target's reads would
 * return, at random points of its execution; finally the target re-executes
 * from scratch and resumes from each checkpoint that is still valid — as
 * the worker that took it holds it, and as another worker imports it from
 * shared memory.
 *
 * Two kinds of blocks: the law's contended blocks (library contracts: hot
 * counters, tokens, the pair, the beneficiary), and random straight-line
 * programs that do all their work in the outermost frame, where checkpoints
 * are taken (support/outermostPrograms.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'

import { MockBlock } from '../bench/generators/mockBlock.js'
import { type BlockInput, loadBlockInput } from '../executor/blockInput.js'
import { CONTENDED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { EVERY_READ } from '../executor/checkpoints/checkpointPolicy.js'
import { SharedCheckpoints } from '../executor/checkpoints/sharedCheckpoints.js'
import { IncarnationHarness } from './support/incarnationHarness.js'
import { loadGeneratedBlock } from './support/law.js'
import { buildProgramBlock, programBlock } from './support/outermostPrograms.js'
import { PROPERTY_TIMEOUT_MS } from './support/testFile.js'

const BLOCKS = 100

interface Scenario {
  readonly target: number
  readonly earlier: readonly ('before' | 'estimate' | 'after')[]
  readonly again: readonly number[]
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  target: fc.nat(),
  /** Per earlier transaction: executed before the target, turned into ESTIMATEs after it ran, or only after the target. */
  earlier: fc.array(fc.constantFrom('before' as const, 'estimate' as const, 'after' as const), { minLength: 12, maxLength: 12 }),
  /** Earlier transactions executed once more after the target (new incarnations: their reads' origins change). */
  again: fc.array(fc.nat(), { maxLength: 3 }),
})

interface Totals {
  cases: number
  resumes: number
  /** Resumes whose outcome differs from the target's first execution: an invalidated read came after the checkpoint. */
  resumesAfterAChange: number
  staleCheckpoints: number
  blockedTargets: number
}

async function resumesEqualReExecution(input: BlockInput, { target, earlier, again }: Scenario, totals: Totals): Promise<void> {
  const harness = await IncarnationHarness.create(input)
  const n = harness.txCount
  const j = n - 1 - (target % Math.min(n, 3))
  const sender = (tx: number) => harness.block.tx(tx).getSenderAddress().toString()
  // A transaction from the target's sender always runs first: otherwise the target is simply invalid (nonce).
  const roleOf = (tx: number) => (sender(tx) === sender(j) ? 'before' : earlier[tx % earlier.length]!)
  const scratch = { from: 'scratch' } as const
  for (let i = 0; i < j; i++) {
    if (roleOf(i) === 'after') continue
    const run = await harness.execute(i, { start: scratch, capture: undefined, record: true })
    if (roleOf(i) === 'estimate' && run.kind === 'completed') harness.mv.convertWritesToEstimates(i)
  }
  const first = await harness.execute(j, { start: scratch, capture: EVERY_READ, record: true })
  if (first.kind === 'fallback') return
  if (first.kind === 'blocked') totals.blockedTargets++
  for (let i = 0; i < j; i++) if (roleOf(i) !== 'before') await harness.execute(i, { start: scratch, capture: undefined, record: true })
  for (const tx of again) if (j > 0) await harness.execute(tx % j, { start: scratch, capture: undefined, record: true })

  const fromScratch = await harness.execute(j, { start: scratch, capture: undefined, record: false })
  const valid = harness.session.validCheckpoints(j)
  totals.cases++
  totals.staleCheckpoints += harness.session.stats.taken - valid.length
  for (const checkpoint of valid) {
    const used = harness.session.stats.used
    const resumed = await harness.execute(j, { start: { from: 'checkpoint', checkpoint }, capture: undefined, record: false })
    expect(harness.session.stats.used, 'a valid checkpoint is resumed from (its preamble reads are current)').toBe(used + 1)
    expect(resumed).toEqual(fromScratch)
    // The same checkpoint as another worker gets it: published in shared memory (without the base state's code) and imported.
    const buffers = SharedCheckpoints.create(n).buffers
    SharedCheckpoints.attach(buffers, harness.base).publish(j, checkpoint)
    const [imported] = SharedCheckpoints.attach(buffers, harness.base).othersOf(j)
    expect(await harness.execute(j, { start: { from: 'checkpoint', checkpoint: imported! }, capture: undefined, record: false })).toEqual(fromScratch)
    totals.resumes++
    if (JSON.stringify(resumed) !== JSON.stringify(first)) totals.resumesAfterAChange++
  }
}

const temporary = mkdtempSync(join(tmpdir(), 'pevm-checkpoints-'))
afterAll(() => rmSync(temporary, { recursive: true, force: true }))

function report(name: string, totals: Totals): void {
  console.log(
    `read checkpoints, ${name}: ${totals.cases} cases, ${totals.resumes} resumes compared (${totals.resumesAfterAChange} after an invalidated read changed the outcome), ` +
      `${totals.staleCheckpoints} stale checkpoints skipped, ${totals.blockedTargets} targets blocked on an ESTIMATE`,
  )
}

it(
  `${BLOCKS} blocks of outermost-frame programs: resuming from any valid read checkpoint equals re-executing from scratch`,
  async () => {
    const totals: Totals = { cases: 0, resumes: 0, resumesAfterAChange: 0, staleCheckpoints: 0, blockedTargets: 0 }
    let blockNumber = 0
    await fc.assert(
      fc.asyncProperty(programBlock, scenario, async (model, plan) => {
        const block = new MockBlock(blockNumber)
        buildProgramBlock(model, block)
        const dir = join(temporary, `programs-${blockNumber++}`)
        await block.writeTo(dir)
        await resumesEqualReExecution(loadBlockInput(dir), plan, totals)
        rmSync(dir, { recursive: true, force: true })
      }),
      { numRuns: BLOCKS, seed: 24_11_2026, endOnFailure: true },
    )
    report('outermost programs', totals)
    // The property is only as strong as what it compared: many resumes, many after a change, some stale checkpoints.
    expect(totals.resumes).toBeGreaterThan(2.5 * BLOCKS)
    expect(totals.resumesAfterAChange).toBeGreaterThan(BLOCKS / 4)
    expect(totals.staleCheckpoints).toBeGreaterThan(BLOCKS / 2)
  },
  PROPERTY_TIMEOUT_MS,
)

it(
  `${BLOCKS} contended blocks: resuming from any valid read checkpoint equals re-executing from scratch`,
  async () => {
    const totals: Totals = { cases: 0, resumes: 0, resumesAfterAChange: 0, staleCheckpoints: 0, blockedTargets: 0 }
    await fc.assert(
      fc.asyncProperty(blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 4 }), scenario, async (model, plan) => {
        await resumesEqualReExecution(loadGeneratedBlock(model), plan, totals)
      }),
      { numRuns: BLOCKS, seed: 11_2026, endOnFailure: true },
    )
    report('contended blocks', totals)
    expect(totals.resumes).toBeGreaterThan(BLOCKS / 2)
  },
  PROPERTY_TIMEOUT_MS,
)
