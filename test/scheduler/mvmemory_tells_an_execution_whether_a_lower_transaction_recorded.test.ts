import { describe, expect, test } from 'vitest'
import { RECORD_LOG_SIZE } from '../../scheduler/mvLayout.js'
import { MemoryFixture, loc, version } from './support/fixtures.js'

describe('MVMemory.mayHaveRecordedBelow', () => {
  test('answers for the records published since a sequence number, by the recording transactions', () => {
    const memory = new MemoryFixture({ txCount: 10 })
    const mv = memory.mv
    const start = mv.recordSequence()
    memory.run(version(7), [], { values: [[loc(1), 1n]] })
    memory.run(version(8), [], { values: [[loc(2), 1n]] })
    const afterHigh = mv.recordSequence()
    expect(afterHigh - start).toBe(2)
    expect(mv.mayHaveRecordedBelow(5, start, afterHigh)).toBe(false) // only 7 and 8 recorded
    expect(mv.mayHaveRecordedBelow(8, start, afterHigh)).toBe(true) // 7 is below 8
    memory.run(version(3), [], { values: [[loc(3), 1n]] })
    const afterLow = mv.recordSequence()
    expect(mv.mayHaveRecordedBelow(5, afterHigh, afterLow)).toBe(true)
    expect(mv.mayHaveRecordedBelow(5, afterLow, afterLow)).toBe(false) // nothing new
  })

  test('answers true when the ring has moved past the records asked about', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    const start = memory.mv.recordSequence()
    for (let i = 0; i <= RECORD_LOG_SIZE; i++) memory.run(version(1, i), [], { values: [[loc(1), BigInt(i)]] })
    // Every record is by tx 1, above reader 0; but the oldest has left the ring, so it cannot tell.
    expect(memory.mv.mayHaveRecordedBelow(0, start, memory.mv.recordSequence())).toBe(true)
    expect(memory.mv.mayHaveRecordedBelow(0, start + 1, memory.mv.recordSequence())).toBe(false)
  })
})
