/**
 * Adversarial hints with the trust monitor in play: dependencies in both
 * directions (cycles), every transaction waiting for every other and
 * estimating every location the block touches (with the monitor, which
 * then stops following hints and reads through pre-marked estimates, and
 * trusted throughout), floods of estimates, reversed dependencies. Whatever
 * the monitor decides and whenever it decides it, the result must be the
 * sequential reference's.
 */
import fc from 'fast-check'
import { afterAll, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED, MIXED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { executionPlans } from './support/executionPlan.js'
import { adversarialHintPlan } from './support/hintPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(async () => {
  await closeWorkerPool()
})

const BLOCKS = 80

it(
  `${BLOCKS} generated blocks under cyclic, all-to-all, flooding and reversed hints equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'adversarially hinted blocks',
        file: testFile(import.meta.url),
        blocks: fc.oneof(blockArbitrary({ forks: ['cancun'], weights: MIXED }), blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 3 })),
        plans: executionPlans({ workers: fc.constant(2), hints: adversarialHintPlan, count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)
