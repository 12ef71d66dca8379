/**
 * The law: for every block, every worker count and every interleaving, the
 * parallel result equals the sequential one. Checked on random toy blocks in
 * the deterministic simulator (the real Scheduler and MVMemory, virtual
 * workers, random tie-breaking and jitter): every run terminates, every
 * transaction's final incarnation is validated, and the committed values are
 * exactly those of serial execution.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { simulate } from '../scheduler/simulator/simulator.js'
import { simulation, toyBlock } from '../test/scheduler/support/arbitraries.js'
import { checkRun } from '../test/scheduler/support/checkRun.js'

test('every random block, on 1-32 virtual workers with random interleavings, commits exactly the serial result', () => {
  fc.assert(
    fc.property(toyBlock, simulation, (block, settings) => checkRun(block, settings)),
    { numRuns: 2000 },
  )
})

test('one worker never aborts and executes each transaction once', () => {
  fc.assert(
    fc.property(toyBlock, fc.integer(), (block, seed) => {
      const report = simulate(block, { workers: 1, seed })
      expect(report.executions).toBe(block.transactions.length)
      expect(report.aborts).toBe(0)
    }),
    { numRuns: 100 },
  )
})
