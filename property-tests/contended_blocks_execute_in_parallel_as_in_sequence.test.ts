/**
 * The law where conflicts are the rule: hot counters, token balances and
 * the pair's reserves shared by every transaction, the beneficiary's
 * balance read and paid by contracts, chains of transfers among the same
 * few accounts, and factory CREATEs that share only the factory's nonce.
 */
import fc from 'fast-check'
import { afterAll, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { coverageReport } from './support/coverage.js'
import { executionPlans } from './support/executionPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(async () => {
  console.log(coverageReport('contended blocks'))
  await closeWorkerPool()
})

const BLOCKS = 300

it(
  `${BLOCKS} contended Cancun blocks: two parallel executions each equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'contended blocks',
        file: testFile(import.meta.url),
        blocks: blockArbitrary({ forks: ['cancun'], weights: CONTENDED, minTxs: 3 }),
        plans: executionPlans({ workers: fc.constant(2), count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)
