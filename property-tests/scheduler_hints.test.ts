/**
 * Hints are advice, never truth: start dependencies and pre-marked
 * ESTIMATEs, right, wrong, adversarial or nonsensical, may change how long a
 * block takes, never whether it finishes or what it commits.
 */
import fc from 'fast-check'
import { test } from 'vitest'
import { simulation, toyBlock, chainHints, rightHints, wrongHints } from '../test/scheduler/support/arbitraries.js'
import { checkRun } from '../test/scheduler/support/checkRun.js'

test('random wrong hints (rejected pairs, estimates for writes that never come) never change the result', () => {
  fc.assert(
    fc.property(
      toyBlock.chain((block) => fc.tuple(fc.constant(block), wrongHints(block))),
      simulation,
      ([block, hints], settings) => checkRun(block, { ...settings, hints }),
    ),
    { numRuns: 1000 },
  )
})

test('adversarial start dependencies (everyone waits for everyone before it) never change the result', () => {
  fc.assert(
    fc.property(toyBlock, simulation, (block, settings) => checkRun(block, { ...settings, hints: chainHints(block) })),
    { numRuns: 300 },
  )
})

test('right hints (true dependencies and writes) never change the result', () => {
  fc.assert(
    fc.property(toyBlock, simulation, (block, settings) => checkRun(block, { ...settings, hints: rightHints(block) })),
    { numRuns: 500 },
  )
})
