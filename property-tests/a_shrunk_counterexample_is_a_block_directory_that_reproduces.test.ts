/**
 * When the law breaks, the report must be actionable: fast-check shrinks the
 * block, and the shrunk block is written as a block directory (under the OS
 * temp directory) whose header carries the sequential reference's gas,
 * bloom and receipts root, so `pevm run <dir>` checks it, with the
 * reference's post-state and the plan that broke the law beside it.
 *
 * The failure is a deterministic fault (a worker that throws at
 * transaction 2: the engine falls back without cause), so the shrunk block
 * is known exactly (three transactions) and every replay breaks the law
 * again. A race found under a broken engine shrinks the same way, but its
 * replays break the law only as often as the interleaving recurs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { pevm } from '../test/helpers/cli.js'
import { CONTENDED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { executionPlans } from './support/executionPlan.js'
import { checkLawProperty } from './support/lawProperty.js'
import { replayCounterexample } from './support/replayCounterexample.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(closeWorkerPool)

it(
  'a failure shrinks to a minimal block directory that pevm runs, with the plan that replays it',
  async () => {
    const result = await checkLawProperty(
      {
        name: 'shrinking demonstration',
        file: testFile(import.meta.url),
        blocks: blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 2, minEoas: 2, tightGasLimits: false }),
        plans: executionPlans({ workers: fc.constant(2), count: 1 }),
        options: { faults: { throwAtTx: 2 }, timeoutMs: 10_000 },
      },
      { numRuns: 100, seed: 7 },
    )
    if (!result.failed) throw new Error('a worker that throws at transaction 2 went unnoticed in 100 blocks')
    const dir = result.directory!
    console.log(`shrunk after ${result.numRuns} block(s) and ${result.numShrinks} shrink(s) to ${result.model.txs.length} transaction(s): ${dir}`)
    expect(result.report).toContain(dir)
    expect(result.report).toContain(`PEVM_PROPERTY_SEED=${result.seed}`)
    expect(result.model.txs.length).toBe(3)
    expect(String((result.error as Error).message)).toMatch(/fell back to sequential without cause: a worker failed: injected fault at transaction 2/)
    for (const file of ['block.json', 'pre_state.json', 'block_hashes.json', 'expected_post_state.json', 'counterexample.json']) {
      expect(existsSync(join(dir, file)), file).toBe(true)
    }

    // The header is the reference's: both engines (the real, unbroken one) match it.
    for (const engine of [['--sequential'], ['--workers', '2', '--always-parallel']]) {
      const run = pevm('run', dir, ...engine, '--json', '--post-state', join(dir, `post_state${engine[0]}.json`))
      const report = JSON.parse(run.stdout) as { match: Record<string, boolean | null> }
      expect(report.match, `pevm run ${engine.join(' ')}`).toEqual({ gasUsed: true, logsBloom: true, receiptsRoot: true })
      expect(readFileSync(join(dir, `post_state${engine[0]}.json`), 'utf8')).toBe(readFileSync(join(dir, 'expected_post_state.json'), 'utf8'))
    }

    // The recorded plan, with the fault, breaks the law again.
    const replay = await replayCounterexample(dir, 3)
    expect(replay.broken, 'replays that broke the law').toBe(3)
  },
  PROPERTY_TIMEOUT_MS,
)
