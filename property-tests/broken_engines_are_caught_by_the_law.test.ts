/**
 * Mutation check: the law, run against deliberately broken engines (the
 * executor's test-only faults), must find a counterexample within a fixed
 * budget of generated blocks. If a mutant survives, the generators have
 * lost the contention that catches it.
 *
 *   skipValidation        validation always passes: stale reads are committed
 *   eagerBeneficiary      fees are added to the beneficiary's balance as read
 *                         at execution (unrecorded), not as lazy increments
 *   unrecordedReadKind    reads of one location kind are left out of read sets
 *
 * Contended blocks (hot storage, the beneficiary's balance, transfer chains
 * among few accounts) and seeded delays make the bad interleavings common.
 */
import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'

import type { ParallelOptions } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { CONTENDED } from './support/actionArbitrary.js'
import { blockArbitrary } from './support/blockArbitrary.js'
import { executionPlans } from './support/executionPlan.js'
import { checkLawProperty, runSettings } from './support/lawProperty.js'
import { PROPERTY_TIMEOUT_MS, testFile } from './support/testFile.js'

afterAll(closeWorkerPool)

const MUTANTS: readonly { readonly name: string; readonly faults: NonNullable<ParallelOptions['faults']>; readonly budget: number; readonly weights?: typeof CONTENDED }[] = [
  { name: 'skipValidation', faults: { skipValidation: true }, budget: 100 },
  { name: 'eagerBeneficiary', faults: { eagerBeneficiary: true }, budget: 100 },
  { name: 'unrecordedReadKind storage', faults: { unrecordedReadKind: 'storage' }, budget: 250 },
  { name: 'unrecordedReadKind balance', faults: { unrecordedReadKind: 'balance' }, budget: 100 },
  { name: 'unrecordedReadKind code', faults: { unrecordedReadKind: 'code' }, budget: 150 },
]

for (const mutant of MUTANTS) {
  it(
    `the ${mutant.name} mutant is caught within ${mutant.budget} generated blocks`,
    async () => {
      const property = {
        name: `mutant ${mutant.name}`,
        file: testFile(import.meta.url),
        blocks: blockArbitrary({ forks: ['cancun'], weights: mutant.weights ?? CONTENDED, minTxs: 4, minEoas: 3, tightGasLimits: false }),
        plans: executionPlans({ workers: fc.constant(2), count: 1 }),
        options: { faults: mutant.faults, timeoutMs: 10_000 },
      }
      const settings = runSettings(property, mutant.budget)
      const result = await checkLawProperty(property, { ...settings, numRuns: mutant.budget, shrink: false })
      console.log(`mutant ${mutant.name}: ${result.failed ? `caught after ${result.numRuns} block(s)` : `survived ${result.numRuns} blocks`} (seed ${result.seed})`)
      expect(result.failed, `the ${mutant.name} mutant survived ${mutant.budget} blocks (seed ${result.seed})`).toBe(true)
    },
    PROPERTY_TIMEOUT_MS,
  )
}
