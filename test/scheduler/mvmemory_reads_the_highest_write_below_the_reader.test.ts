import { describe, expect, test } from 'vitest'
import { ReadSlot } from '../../scheduler/readSet.js'
import { MemoryFixture, big, loc, version } from './support/fixtures.js'

const MAX = (1n << 256n) - 1n

describe('MVMemory.read', () => {
  test('with no entries below the reader: base, no delta', () => {
    const { mv } = new MemoryFixture({ txCount: 4 })
    expect(mv.read(loc(1), 3)).toEqual({ kind: 'base', location: mv.locationId(loc(1)), deltaSum: null })
  })

  test('returns the value of the highest transaction below the reader, with its version', () => {
    const memory = new MemoryFixture({ txCount: 6 })
    memory.run(version(1), [], { values: [[loc(1), 10n]] })
    memory.run(version(3, 2), [], { values: [[loc(1), 30n]] })
    memory.run(version(5), [], { values: [[loc(1), 50n]] })
    const { mv } = memory
    const at = (reader: number) => {
      const outcome = mv.read(loc(1), reader)
      return outcome.kind === 'value' ? [outcome.origin.tx, outcome.origin.incarnation, big(outcome.value)] : outcome.kind
    }
    expect(at(0)).toBe('base')
    expect(at(1)).toBe('base') // a transaction never reads its own entry
    expect(at(2)).toEqual([1, 0, 10n])
    expect(at(3)).toEqual([1, 0, 10n])
    expect(at(4)).toEqual([3, 2, 30n])
    expect(at(6)).toEqual([5, 0, 50n])
  })

  test('an ESTIMATE below the reader blocks it on the writer; one above does not matter', () => {
    const memory = new MemoryFixture({ txCount: 5 })
    memory.run(version(1), [], { values: [[loc(1), 10n]] })
    memory.run(version(3), [], { values: [[loc(1), 30n]] })
    memory.mv.convertWritesToEstimates(3)
    expect(memory.mv.read(loc(1), 4)).toMatchObject({ kind: 'blocked', on: 3 })
    expect(memory.mv.read(loc(1), 3)).toMatchObject({ kind: 'value', origin: { tx: 1, incarnation: 0 } })
  })

  test('DELTAs above the highest VALUE are summed mod 2^256; without a VALUE the result is base + sum', () => {
    const memory = new MemoryFixture({ txCount: 6 })
    memory.run(version(0), [], { deltas: [[loc(7), 5n]] })
    memory.run(version(1), [], { values: [[loc(7), 100n]] })
    memory.run(version(2), [], { deltas: [[loc(7), MAX]] }) // -1
    memory.run(version(3), [], { deltas: [[loc(7), 3n]] })
    const { mv } = memory
    const base = mv.read(loc(7), 1)
    expect(base.kind === 'base' && big(base.deltaSum!)).toBe(5n)
    const value = mv.read(loc(7), 5)
    expect(value.kind).toBe('value')
    if (value.kind !== 'value') return
    expect(big(value.value)).toBe(100n)
    expect(big(value.deltaSum!)).toBe(2n) // MAX + 3 wraps to 2
    const noDelta = mv.read(loc(7), 2)
    expect(noDelta.kind === 'value' && noDelta.deltaSum).toBeNull()
  })

  test('readInto fills a reusable slot without allocating a result object', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0, 1), [], { values: [[loc(2), 0xabcdefn]], deltas: [[loc(3), 9n]] })
    const slot = new ReadSlot()
    expect(memory.mv.readInto(loc(2), 2, slot)).toBe('value')
    expect([slot.originTx, slot.originIncarnation, big(slot.value), slot.hasDelta]).toEqual([0, 1, 0xabcdefn, false])
    expect(memory.mv.readInto(loc(3), 2, slot)).toBe('base')
    expect([slot.originTx, slot.hasDelta, big(slot.deltaSum)]).toEqual([-1, true, 9n])
    expect(memory.mv.readInto(loc(4), 2, slot)).toBe('base')
    expect([slot.hasDelta, big(slot.deltaSum)]).toEqual([false, 0n])
  })

  test('values keep all 32 bytes', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    const value = 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20n
    memory.run(version(0), [], { values: [[loc(1), value]] })
    const outcome = memory.mv.read(loc(1), 1)
    expect(outcome.kind === 'value' && big(outcome.value)).toBe(value)
  })
})
