/**
 * The law on Berlin (no base fee, legacy and access-list transactions,
 * pre-London refunds), London (before the Merge: block rewards) and
 * Shanghai (withdrawals, pre-Cancun SELFDESTRUCT that deletes any contract)
 * blocks. A block that self-destructs a contract existing before the
 * transaction may fall back to sequential, visibly; no other may.
 */
import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED, MIXED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { coverageCount, coverageReport } from './support/coverage.js'
import { executionPlans } from './support/executionPlan.js'
import { hintPlan } from './support/hintPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(closeWorkerPool)

const BLOCKS = 250
const FORKS = ['berlin', 'london', 'shanghai'] as const

it(
  `${BLOCKS} generated Berlin, London and Shanghai blocks equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'pre-cancun blocks',
        file: testFile(import.meta.url),
        blocks: fc.oneof(
          blockArbitrary({ forks: FORKS, weights: { ...MIXED, relic: 6, factory: 8 } }),
          blockArbitrary({ forks: FORKS, weights: CONTENDED, minTxs: 3 }),
        ),
        plans: executionPlans({ workers: fc.constant(2), hints: hintPlan, count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)

it('every fork was generated, with block rewards, withdrawals and self-destructs among the blocks', () => {
  console.log(coverageReport('pre-cancun blocks'))
  for (const key of ['fork berlin', 'fork london', 'fork shanghai', 'action destroyRelic', 'action pingRelic', 'action destroyChild', 'outcome reverted']) {
    expect(coverageCount(key), key).toBeGreaterThan(0)
  }
})
