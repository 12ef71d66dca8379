/**
 * Hints are advice, never truth. Each generated block runs with hints fed
 * through the engine's hooks: none, right (the sequential reference's real
 * dependencies and writes), partly right, random and wrong (forward, self,
 * out of range, estimates on random locations), a full chain (everyone
 * waits for everyone earlier), reversed, and a flood of estimates. The
 * result must be the reference's every time.
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
  console.log(coverageReport('hinted blocks'))
  await closeWorkerPool()
})

const BLOCKS = 300

it(
  `${BLOCKS} generated blocks under right, wrong and adversarial hints equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'hinted blocks',
        file: testFile(import.meta.url),
        blocks: fc.oneof(blockArbitrary({ forks: ['cancun'], weights: MIXED }), blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 3 })),
        plans: executionPlans({ workers: fc.constant(2), hints: hintPlan, count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)
