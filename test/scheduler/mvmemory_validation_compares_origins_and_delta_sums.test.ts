import { describe, expect, test } from 'vitest'
import { MemoryFixture, loc, version } from './support/fixtures.js'

describe('MVMemory.validateReadSet', () => {
  test('valid while every read resolves to the same origin', () => {
    const memory = new MemoryFixture({ txCount: 4 })
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1), loc(2)])
    expect(memory.mv.validateReadSet(2)).toBe(true)
    memory.run(version(3), [], { values: [[loc(1), 9n]] }) // above the reader: irrelevant
    expect(memory.mv.validateReadSet(2)).toBe(true)
  })

  test('invalid when a lower transaction wrote a location that was read from below it', () => {
    const memory = new MemoryFixture({ txCount: 4 })
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.run(version(1), [], { values: [[loc(1), 5n]] })
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('invalid when a location read as base got a value', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(2), [loc(1)])
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('invalid when the writer was re-executed and wrote another value', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0, 0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.run(version(0, 1), [], { values: [[loc(1), 2n]] })
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('valid when the writer was re-executed (also after an abort) and wrote the same value: the entry keeps its version', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0, 0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.mv.convertWritesToEstimates(0)
    expect(memory.mv.validateReadSet(2)).toBe(false) // while the writer is an ESTIMATE
    memory.run(version(0, 1), [], { values: [[loc(1), 1n]] })
    expect(memory.mv.validateReadSet(2)).toBe(true)
  })

  test('invalid on an ESTIMATE', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.mv.convertWritesToEstimates(0)
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('invalid when the read location’s writer removed its write', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0, 0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.run(version(0, 1), [], {})
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('invalid when the delta sum changed, valid when deltas change only above the reader', () => {
    const memory = new MemoryFixture({ txCount: 5 })
    memory.run(version(0), [], { deltas: [[loc(1), 2n]] })
    memory.run(version(3), [loc(1)])
    memory.run(version(4), [], { deltas: [[loc(1), 7n]] })
    expect(memory.mv.validateReadSet(3)).toBe(true)
    memory.run(version(1), [], { deltas: [[loc(1), 7n]] })
    expect(memory.mv.validateReadSet(3)).toBe(false)
  })

  test('a read that saw no delta is invalid once a delta appears below it', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    memory.run(version(2), [loc(1)])
    memory.run(version(1), [], { deltas: [[loc(1), 1n]] })
    expect(memory.mv.validateReadSet(2)).toBe(false)
  })

  test('the skipValidation fault (tests only) answers valid regardless', () => {
    const memory = new MemoryFixture({ txCount: 3, faults: { skipValidation: true } })
    memory.run(version(2), [loc(1)])
    memory.run(version(0), [], { values: [[loc(1), 1n]] })
    expect(memory.mv.validateReadSet(2)).toBe(true)
  })
})
