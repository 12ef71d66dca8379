/**
 * The law on generated Cancun blocks of every kind the contract library
 * makes (transfers, hot counters, tokens, the AMM, proxies, CREATE/CREATE2
 * and same-transaction self-destructs, the beneficiary's balance, nested
 * reverts and out-of-gas, precompiles, BLOCKHASH, transient storage,
 * creation transactions, invalid transactions), each run twice on two
 * workers under seeded interleaving perturbations.
 */
import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { MIXED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { coverageCount, coverageReport } from './support/coverage.js'
import { executionPlans } from './support/executionPlan.js'
import { assertLaw } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(closeWorkerPool)

const BLOCKS = 400

it(
  `${BLOCKS} generated Cancun blocks: two parallel executions each equal the sequential reference`,
  async () => {
    await assertLaw(
      {
        name: 'generated cancun blocks',
        file: testFile(import.meta.url),
        blocks: blockArbitrary({ forks: ['cancun'], weights: MIXED }),
        plans: executionPlans({ workers: fc.constant(2), count: 2 }),
      },
      BLOCKS,
    )
  },
  PROPERTY_TIMEOUT_MS,
)

it('the generated blocks exercised what they are meant to (reverts, invalid transactions, conflicts, every action)', () => {
  console.log(coverageReport('generated cancun blocks'))
  for (const key of ['outcome success', 'outcome reverted', 'invalid: nonce', 'invalid: balance', 'invalid: intrinsic gas', 'invalid: gas over the block', 'invalid: fee cap under base fee', 'invalid: sender has code', 'parallel executions with re-executions']) {
    expect(coverageCount(key), key).toBeGreaterThan(0)
  }
  for (const action of ['transfer', 'counter', 'upgrade', 'tokenTransferFrom', 'swap', 'create2Child', 'createAndDestroy', 'destroyChild', 'cashier', 'callWithGas', 'recover', 'blockhash', 'beaconRoot', 'blobs', 'inspect', 'transient', 'deploy']) {
    expect(coverageCount(`action ${action}`), action).toBeGreaterThan(0)
  }
})
