import { expect, test } from 'vitest'
import { SchedulerInvariantError } from '../../scheduler/errors.js'
import { MemoryFixture, big, loc, version, word } from './support/fixtures.js'

test('the highest value with deltas applied, base + deltas when only deltas, nothing for locations only read or undone', () => {
  const memory = new MemoryFixture({ txCount: 5 })
  memory.run(version(0), [loc(9)], { values: [[loc(1), 10n], [loc(4), 1n]] })
  memory.run(version(1), [], { values: [[loc(1), 20n]], deltas: [[loc(2), 3n]] })
  memory.run(version(2), [], { deltas: [[loc(1), 5n], [loc(2), 4n], [loc(3), 0n]] })
  memory.run(version(3, 0), [], { values: [[loc(5), 1n]] })
  memory.run(version(3, 1), [], {}) // its write of loc(5) is undone
  const finals = memory.mv.snapshot()
  expect(finals).toEqual([
    { kind: 'value', location: loc(1), writer: { tx: 1, incarnation: 0 }, value: word(25), code: null },
    { kind: 'base', location: loc(2), deltaSum: word(7) },
    { kind: 'base', location: loc(3), deltaSum: word(0) }, // a zero increment still counts as written
    { kind: 'value', location: loc(4), writer: { tx: 0, incarnation: 0 }, value: word(1), code: null },
  ])
  expect(finals.map((final) => (final.kind === 'value' ? big(final.value) : big(final.deltaSum)))).toEqual([25n, 7n, 0n, 1n])
})

test('an ESTIMATE left at the end of a block is a bug', () => {
  const memory = new MemoryFixture({ txCount: 2 })
  memory.run(version(0), [], { values: [[loc(1), 1n]] })
  memory.mv.convertWritesToEstimates(0)
  expect(() => memory.mv.snapshot()).toThrow(SchedulerInvariantError)
})
