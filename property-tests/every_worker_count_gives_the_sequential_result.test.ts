/**
 * One to eight workers (two are covered at length by the other files). The
 * pool is re-created when the thread count changes, so each count runs its
 * own batch of blocks with at least that many transactions.
 */
import fc from 'fast-check'
import { afterAll, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED, MIXED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { coverageReport } from './support/coverage.js'
import { executionPlans } from './support/executionPlan.js'
import { hintPlan } from './support/hintPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(async () => {
  console.log(coverageReport('blocks by worker count'))
  await closeWorkerPool()
})

const BATCHES = [
  { workers: 1, blocks: 40 },
  { workers: 3, blocks: 30 },
  { workers: 4, blocks: 30 },
  { workers: 5, blocks: 15 },
  { workers: 6, blocks: 15 },
  { workers: 7, blocks: 15 },
  { workers: 8, blocks: 15 },
]

for (const { workers, blocks } of BATCHES) {
  it(
    `${blocks} generated blocks with ${workers} worker(s) equal the sequential reference`,
    async () => {
      await assertLaw(
        {
          name: `blocks with ${workers} workers`,
          file: testFile(import.meta.url),
          blocks: fc.oneof(
            blockArbitrary({ forks: ['cancun'], weights: MIXED, minTxs: workers, maxTxs: Math.max(12, workers) }),
            blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: workers, maxTxs: Math.max(12, workers) }),
          ),
          plans: executionPlans({ workers: fc.constant(workers), hints: hintPlan, count: 2 }),
        },
        blocks,
      )
    },
    PROPERTY_TIMEOUT_MS,
  )
}
