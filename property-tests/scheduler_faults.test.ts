/**
 * The property tests must be able to fail: with a deliberately broken engine
 * (test-only fault injection in MVMemory), fast-check has to find a block and
 * an interleaving where the committed values differ from serial execution.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import type { MVMemoryFaults } from '../scheduler/mvmemory.js'
import { simulation, toyBlock } from '../test/scheduler/support/arbitraries.js'
import { checkRun } from '../test/scheduler/support/checkRun.js'

function findsCounterexample(faults: MVMemoryFaults, numRuns: number): { failed: boolean; errorInstance: unknown } {
  return fc.check(
    fc.property(toyBlock, simulation, (block, settings) => checkRun(block, { ...settings, faults })),
    { numRuns, seed: 20240601 },
  )
}

test('skipping validation is caught: fast-check finds a counterexample', () => {
  const details = findsCounterexample({ skipValidation: true }, 300)
  expect(details.failed).toBe(true)
  expect(String(details.errorInstance)).toMatch(/differ from serial execution/)
})

test('forgetting to turn aborted writes into ESTIMATEs is caught too', () => {
  const details = findsCounterexample({ skipEstimates: true }, 1000)
  expect(details.failed).toBe(true)
})
