import { describe, expect, test } from 'vitest'
import { MemoryFixture, big, loc, version } from './support/fixtures.js'

describe('MVMemory.record', () => {
  test('the first incarnation’s writes are new locations', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    expect(memory.run(version(0), [], { values: [[loc(1), 1n]] })).toBe(true)
    expect(memory.mv.recordedWrites(0)).toEqual([loc(1)])
  })

  test('a re-execution writing the same locations rewrites the entries in place and reports nothing new', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    memory.run(version(0, 0), [], { values: [[loc(1), 1n]] })
    memory.mv.convertWritesToEstimates(0)
    expect(memory.mv.entriesAt(loc(1))).toMatchObject([{ tx: 0, incarnation: 0, kind: 'estimate' }])
    expect(memory.run(version(0, 1), [], { values: [[loc(1), 2n]] })).toBe(false)
    expect(memory.mv.entriesAt(loc(1))).toEqual([{ tx: 0, incarnation: 1, kind: 'value', value: 2n }])
  })

  test('locations the previous incarnation wrote and this one does not are removed', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(1, 0), [], { values: [[loc(1), 1n], [loc(2), 2n]] })
    expect(memory.run(version(1, 1), [], { values: [[loc(2), 3n]] })).toBe(false)
    expect(memory.mv.entriesAt(loc(1))).toMatchObject([{ tx: 1, kind: 'removed', incarnation: 1 }])
    expect(memory.mv.read(loc(1), 2).kind).toBe('base')
    expect(memory.mv.recordedWrites(1)).toEqual([loc(2)])
  })

  test('writing a removed location again revives its entry and counts as new', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    memory.run(version(0, 0), [], { values: [[loc(1), 1n]] })
    memory.run(version(0, 1), [], {})
    expect(memory.run(version(0, 2), [], { values: [[loc(1), 5n]] })).toBe(true)
    expect(memory.mv.entriesAt(loc(1))).toEqual([{ tx: 0, incarnation: 2, kind: 'value', value: 5n }])
  })

  test('entries stay sorted by transaction whatever the order of recording', () => {
    const memory = new MemoryFixture({ txCount: 8 })
    for (const tx of [4, 1, 7, 0, 5, 2]) memory.run(version(tx), [], { values: [[loc(1), BigInt(tx)]] })
    expect(memory.mv.entriesAt(loc(1)).map((entry) => entry.tx)).toEqual([7, 5, 4, 2, 1, 0])
    for (let reader = 0; reader <= 8; reader++) {
      const outcome = memory.mv.read(loc(1), reader)
      const expected = [7, 5, 4, 2, 1, 0].find((tx) => tx < reader)
      expect(outcome.kind === 'value' ? outcome.origin.tx : undefined).toBe(expected)
    }
  })

  test('a value and a delta to the same location in one write set become one value', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    memory.run(version(0), [], { values: [[loc(1), 10n]], deltas: [[loc(1), 5n]] })
    expect(memory.mv.entriesAt(loc(1))).toEqual([{ tx: 0, incarnation: 0, kind: 'value', value: 15n }])
  })

  test('the read set is stored in shared memory with origins and delta sums', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0), [], { values: [[loc(1), 10n]], deltas: [[loc(2), 4n]] })
    memory.run(version(2, 3), [loc(1), loc(2), loc(3)])
    expect(memory.mv.recordedReads(2)).toEqual([
      { location: loc(1), origin: { tx: 0, incarnation: 0 }, deltaSum: 0n },
      { location: loc(2), origin: 'base', deltaSum: 4n },
      { location: loc(3), origin: 'base', deltaSum: 0n },
    ])
    expect(memory.mv.recordedIncarnation(2)).toBe(3)
  })
})
