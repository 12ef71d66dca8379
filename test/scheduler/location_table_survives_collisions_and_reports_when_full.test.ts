import { describe, expect, test } from 'vitest'
import { MVMemoryFullError } from '../../scheduler/errors.js'
import { LocationTable, hashKey } from '../../scheduler/locationTable.js'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { ReadSet } from '../../scheduler/readSet.js'
import { WriteSet } from '../../scheduler/writeSet.js'
import { MemoryFixture, big, loc, version, word } from './support/fixtures.js'

describe('LocationTable', () => {
  test('ids are dense, stable, and the same from another attached view (no cache)', () => {
    const table = LocationTable.create(16)
    const ids = [5, 9, 5, 2, 9].map((n) => table.intern(loc(n)))
    expect(ids).toEqual([0, 1, 0, 2, 1])
    const other = LocationTable.attach(table.buffer)
    expect(other.find(loc(9))).toBe(1)
    expect(other.find(loc(3))).toBe(-1)
    expect(other.keyOf(2 as never)).toBe(loc(2))
  })

  test('keys whose hashes collide in a small table are kept apart by their bytes', () => {
    const table = LocationTable.create(4) // 8 slots
    // Find keys that start probing at the same slot.
    const bySlot = new Map<number, number[]>()
    for (let n = 0; n < 200; n++) {
      const slot = hashKey(loc(n)) & 7
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), n])
    }
    const colliding = [...bySlot.values()].find((ns) => ns.length >= 4)!.slice(0, 4)
    const ids = colliding.map((n) => table.intern(loc(n)))
    expect(new Set(ids).size).toBe(4)
    const fresh = LocationTable.attach(table.buffer)
    colliding.forEach((n, i) => expect(fresh.find(loc(n))).toBe(ids[i]))
    colliding.forEach((n, i) => expect(fresh.keyOf(ids[i]! as never)).toBe(loc(n)))
  })

  test('one location too many throws MVMemoryFullError naming the resource, and keeps throwing', () => {
    const table = LocationTable.create(3)
    for (let n = 0; n < 3; n++) table.intern(loc(n))
    expect(() => table.intern(loc(99))).toThrow(MVMemoryFullError)
    try {
      LocationTable.attach(table.buffer).intern(loc(99))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MVMemoryFullError)
      expect((error as MVMemoryFullError).name).toBe('MVMemoryFullError')
      expect((error as MVMemoryFullError).resource).toBe('locations')
    }
    expect(table.intern(loc(1))).toBe(1) // known keys still resolve
  })
})

describe('growable areas', () => {
  test('the entry pool and the arena grow from a tiny start, across attached views', () => {
    const memory = new MemoryFixture({ txCount: 50, capacity: { locations: 4096, entries: { initial: 64 }, arena: { initial: 64 } } })
    const other = MVMemory.attach(memory.mv.buffers) // its views start small and must refresh
    for (let tx = 0; tx < 50; tx++) {
      memory.run(version(tx), [loc(tx), loc(tx + 1)], { values: Array.from({ length: 20 }, (_, k) => [loc(1000 + tx * 20 + k), BigInt(tx * 100 + k)] as [never, bigint]) })
    }
    expect(memory.mv.usage().entryBytes).toBeGreaterThan(50 * 20 * 64)
    const outcome = other.read(loc(1000 + 49 * 20 + 19), 50)
    expect(outcome.kind === 'value' && big(outcome.value)).toBe(4919n)
    expect(other.validateReadSet(49)).toBe(true)
  })

  test('a view that has not seen the entries grow can re-record a transaction whose entries lie past its view', () => {
    const memory = new MemoryFixture({ txCount: 2, capacity: { locations: 4096, entries: { initial: 64 } } })
    const other = MVMemory.attach(memory.mv.buffers) // attached before the growth below
    const writes = (n: bigint) => ({ values: Array.from({ length: 40 }, (_, k) => [loc(k), n] as [never, bigint]) })
    memory.run(version(1, 0), [], writes(1n)) // grows the entries past `other`'s view
    // Incarnation 1 of the same transaction, recorded by the other worker: it rewrites those entries in place.
    const readSet = new ReadSet()
    const writeSet = new WriteSet()
    for (const [key, value] of writes(2n).values) writeSet.setValue(key, word(value))
    expect(other.record(version(1, 1), readSet, writeSet)).toBe(false)
    const outcome = memory.mv.read(loc(39), 2)
    expect(outcome.kind === 'value' && big(outcome.value)).toBe(2n)
  })

  test('past its maximum an area throws MVMemoryFullError', () => {
    const memory = new MemoryFixture({ txCount: 2, capacity: { entries: { initial: 1024, max: 4096 } } })
    const writes = Array.from({ length: 100 }, (_, k) => [loc(k), 1n] as [never, bigint])
    expect(() => memory.run(version(0), [], { values: writes })).toThrow(MVMemoryFullError)
  })

  test('options are checked up front with exact messages', () => {
    expect(() => MVMemory.create({ txCount: -1 })).toThrow('MVMemory.create: txCount must be an integer in [0, 2^30), got -1')
    expect(() => MVMemory.create({ txCount: 1, capacity: { arena: { initial: 10 } } })).toThrow('capacity.arena: initial must be an integer byte count in [64, max], got 10')
    expect(() => MVMemory.create({ txCount: 1, capacity: { locations: 0 } })).toThrow('capacity.locations must be an integer in [1, 2^26], got 0')
  })
})
