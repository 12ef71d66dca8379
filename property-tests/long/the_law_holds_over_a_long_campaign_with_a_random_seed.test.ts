/**
 * The long campaign (off by default): thousands of generated blocks of every
 * fork and workload, every hint plan, one to four workers, with a random
 * seed printed up front and in any failure report.
 *
 *   npm run test:property:long
 *   PEVM_PROPERTY_RUNS=20000 npm run test:property:long
 *   PEVM_PROPERTY_SEED=<seed> npm run test:property:long     (replay a campaign)
 *
 * Every batch uses the same seed (their worker counts and shapes differ).
 */
import fc from 'fast-check'
import { afterAll, describe, it } from 'vitest'

import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { CONTENDED, MIXED } from '../support/actionArbitrary.js'
import { blockArbitrary } from '../support/blockArbitrary.js'
import { coverageReport } from '../support/coverage.js'
import { executionPlans } from '../support/executionPlan.js'
import { hintPlan } from '../support/hintPlan.js'
import { assertLaw } from '../support/lawProperty.js'
import { testFile } from '../support/testFile.js'

const enabled = process.env.PEVM_PROPERTY_LONG !== undefined
const seed = process.env.PEVM_PROPERTY_SEED !== undefined ? Number(process.env.PEVM_PROPERTY_SEED) : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0
const totalRuns = Number(process.env.PEVM_PROPERTY_RUNS ?? '5000')

/** Share of the runs, worker count: two workers mostly (the machine has two cores). */
const BATCHES = [
  { workers: 2, share: 0.6 },
  { workers: 1, share: 0.1 },
  { workers: 3, share: 0.15 },
  { workers: 4, share: 0.15 },
]

const FORKS = ['cancun', 'cancun', 'cancun', 'shanghai', 'london', 'berlin'] as const

describe.skipIf(!enabled)('the long campaign', () => {
  afterAll(async () => {
    console.log(coverageReport(`long campaign, seed ${seed}`))
    await closeWorkerPool()
  })

  BATCHES.forEach(({ workers, share }) => {
    const runs = Math.max(1, Math.round(totalRuns * share))
    it(`${runs} blocks with ${workers} worker(s)`, { timeout: 24 * 60 * 60_000 }, async () => {
      console.log(`long campaign: seed ${seed}, ${runs} blocks, ${workers} worker(s)`)
      const blocks = fc.oneof(
        // At least as many transactions as workers: the pool keeps its size (re-creating it costs seconds).
        { weight: 3, arbitrary: blockArbitrary({ forks: FORKS, weights: MIXED, minTxs: Math.max(2, workers) }) },
        { weight: 2, arbitrary: blockArbitrary({ forks: FORKS, weights: CONTENDED, minTxs: Math.max(3, workers), maxTxs: 24 }) },
      )
      await assertLaw(
        {
          name: `long campaign with ${workers} workers`,
          file: testFile(import.meta.url),
          blocks,
          plans: executionPlans({ workers: fc.constant(workers), hints: hintPlan, count: 2 }),
        },
        runs,
        { seed },
      )
    })
  })
})
