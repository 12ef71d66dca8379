/**
 * The law with read checkpoints on: re-executions resume from snapshots in
 * the middle of transactions, yet every generated block still commits
 * exactly what the sequential reference commits — on contended blocks, under
 * right and wrong hints (hinted ESTIMATEs make readers block right where a
 * checkpoint was taken), with perturbed interleavings, and with both the
 * default policy and a checkpoint before every outermost read.
 */
import fc from 'fast-check'
import { afterAll, it } from 'vitest'

import { DEFAULT_CHECKPOINT_POLICY, EVERY_READ } from '../executor/checkpoints/checkpointPolicy.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { coverageReport } from './support/coverage.js'
import { executionPlans } from './support/executionPlan.js'
import { hintPlan } from './support/hintPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(async () => {
  console.log(coverageReport('blocks with read checkpoints'))
  await closeWorkerPool()
})

const BLOCKS = 60

it(
  `${BLOCKS} contended blocks with read checkpoints on equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'read checkpoints',
        file: testFile(import.meta.url),
        blocks: blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 3 }),
        plans: executionPlans({ workers: fc.constantFrom(2, 4), hints: hintPlan, checkpoints: fc.constantFrom(EVERY_READ, DEFAULT_CHECKPOINT_POLICY), count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)
