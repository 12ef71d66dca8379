/**
 * The next block's MVMemory may take over the last block's location table
 * and per-location words (LocationTable.clear, MVMemory `reuse`): it must
 * then behave exactly like fresh memory.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'

import { LocationTable } from '../../scheduler/locationTable.js'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { MemoryFixture, big, loc, version } from './support/fixtures.js'

describe('a cleared location table', () => {
  test('hands out ids from 0 again, like a fresh table, block after block', () => {
    // Key sets drawn from a small universe, so blocks share keys and small tables collide.
    const blocks = fc.array(fc.array(fc.nat(60), { maxLength: 40 }), { minLength: 1, maxLength: 4 })
    fc.assert(
      fc.property(blocks, fc.integer({ min: 0, max: 3 }), (keysPerBlock, extra) => {
        const capacity = 61 + extra
        const reused = LocationTable.create(capacity)
        for (const keys of keysPerBlock) {
          reused.clear()
          const fresh = LocationTable.create(capacity)
          const idsReused = keys.map((n) => reused.intern(loc(n)))
          expect(idsReused).toEqual(keys.map((n) => fresh.intern(loc(n))))
          expect(reused.count).toBe(fresh.count)
          // Another thread's view finds exactly this block's keys.
          const other = LocationTable.attach(reused.buffer)
          for (let n = 0; n <= 60; n++) expect(other.find(loc(n))).toBe(keys.includes(n) ? reused.intern(loc(n)) : -1)
          idsReused.forEach((id, i) => expect(other.keyOf(id)).toBe(loc(keys[i]!)))
        }
      }),
      { numRuns: 200, seed: 11 },
    )
  })

  test('refuses to clear a table that overflowed', () => {
    const table = LocationTable.create(2)
    table.intern(loc(1))
    table.intern(loc(2))
    expect(() => table.intern(loc(3))).toThrow()
    expect(() => table.clear()).toThrow(/overflowed/)
  })
})

describe('MVMemory created over the last block’s location memory', () => {
  test('reads base everywhere the last block wrote, and records like fresh memory', () => {
    const last = new MemoryFixture({ txCount: 4, capacity: { locations: 64 } })
    last.run(version(0), [], { values: [[loc(1), 10n], [loc(2), 20n]] })
    last.run(version(2), [loc(1)], { deltas: [[loc(3), 5n]] })
    const reuse = last.mv.releaseLocations()

    const next = new MemoryFixture({ txCount: 3, capacity: { locations: 64 }, reuse })
    expect(next.mv.buffers.locations).toBe(reuse.table.buffer) // the same memory, not a copy
    for (const n of [1, 2, 3]) expect(next.mv.read(loc(n), 3)).toMatchObject({ kind: 'base', deltaSum: null })
    expect(next.mv.snapshot()).toEqual([])
    next.run(version(1), [], { values: [[loc(2), 7n]] })
    const read = next.mv.read(loc(2), 2)
    expect(read.kind === 'value' ? [read.origin.tx, big(read.value)] : read.kind).toEqual([1, 7n])
    expect(next.mv.snapshot().map((final) => final.location)).toEqual([loc(2)])
  })

  test('is not used when it holds fewer locations than the block needs', () => {
    const reuse = MVMemory.create({ txCount: 1, capacity: { locations: 8 } }).releaseLocations()
    const bigger = MVMemory.create({ txCount: 1, capacity: { locations: 16 }, reuse })
    expect(bigger.buffers.locations).not.toBe(reuse.table.buffer)
  })
})
