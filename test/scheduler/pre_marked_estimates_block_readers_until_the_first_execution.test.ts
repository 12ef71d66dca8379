import { describe, expect, test } from 'vitest'
import { MemoryFixture, big, loc, version } from './support/fixtures.js'
import { Scheduler } from '../../scheduler/scheduler.js'
import { TxStatus } from '../../scheduler/txStatus.js'

describe('preMarkEstimate', () => {
  test('makes readers above the transaction block on it before it runs; readers below are unaffected', () => {
    const memory = new MemoryFixture({ txCount: 4 })
    expect(memory.mv.preMarkEstimate(1, loc(5))).toEqual({ kind: 'added', count: 1 })
    expect(memory.mv.read(loc(5), 3)).toMatchObject({ kind: 'blocked', on: 1 })
    expect(memory.mv.read(loc(5), 1).kind).toBe('base')
    expect(memory.mv.recordedIncarnation(1)).toBe(-1)
  })

  test('is replaced by the real write when the first incarnation writes the location (not a new location)', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.mv.preMarkEstimates(1, [loc(5)])
    expect(memory.run(version(1), [], { values: [[loc(5), 42n]] })).toBe(false)
    const outcome = memory.mv.read(loc(5), 2)
    expect(outcome.kind === 'value' && [outcome.origin.tx, big(outcome.value)]).toEqual([1, 42n])
  })

  test('disappears when the first incarnation does not write the location, so no reader waits forever', () => {
    const memory = new MemoryFixture({ txCount: 3 })
    memory.mv.preMarkEstimates(1, [loc(5), loc(6)])
    expect(memory.run(version(1), [], { values: [[loc(6), 1n]] })).toBe(false)
    expect(memory.mv.read(loc(5), 2).kind).toBe('base')
    expect(memory.mv.entriesAt(loc(5))).toMatchObject([{ tx: 1, kind: 'removed' }])
    expect(memory.mv.snapshot().map((final) => final.location)).toEqual([loc(6)])
  })

  test('end to end with the scheduler: the blocked reader waits in the writer’s list and is resumed by its finishExecution', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    const scheduler = Scheduler.create({ txCount: 2 })
    memory.mv.preMarkEstimates(0, [loc(5)])
    const first = scheduler.nextTask()
    const second = scheduler.nextTask()
    expect([first.kind, second.kind]).toEqual(['execute', 'execute'])
    const blocked = memory.mv.read(loc(5), 1)
    expect(blocked).toMatchObject({ kind: 'blocked', on: 0 })
    expect(scheduler.addDependency(1, 0)).toBe(true)
    memory.run(version(0), [], {}) // tx 0 turns out not to write loc(5)
    scheduler.finishExecution(version(0), { wroteNewLocation: false })
    expect(scheduler.status(1)).toEqual({ incarnation: 1, status: TxStatus.ReadyToExecute })
    expect(memory.mv.read(loc(5), 1).kind).toBe('base')
  })

  test('hints out of range or after the first execution are rejected, not thrown', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    expect(memory.mv.preMarkEstimate(2, loc(1))).toEqual({ kind: 'rejected', reason: 'out-of-range' })
    memory.run(version(0), [], {})
    expect(memory.mv.preMarkEstimate(0, loc(1))).toEqual({ kind: 'rejected', reason: 'already-executed' })
  })

  test('marking the same location twice adds one estimate', () => {
    const memory = new MemoryFixture({ txCount: 2 })
    expect(memory.mv.preMarkEstimates(0, [loc(1), loc(1)])).toEqual({ kind: 'added', count: 1 })
    expect(memory.mv.preMarkEstimate(0, loc(1))).toEqual({ kind: 'added', count: 0 })
    expect(memory.mv.preMarkEstimate(0, loc(2))).toEqual({ kind: 'added', count: 1 })
    expect(memory.mv.recordedWrites(0)).toEqual([loc(1), loc(2)])
  })
})
