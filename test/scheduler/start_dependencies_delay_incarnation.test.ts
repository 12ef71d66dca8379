import { describe, expect, test } from 'vitest'
import { Scheduler } from '../../scheduler/scheduler.js'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes } from './support/fixtures.js'

describe('addStartDependency', () => {
  test('j is parked when incarnated before i has executed, and resumed by i’s finishExecution', () => {
    const scheduler = Scheduler.create({ txCount: 3 })
    expect(scheduler.addStartDependency(2, 0)).toEqual({ kind: 'added' })
    const v0 = executes(scheduler.nextTask())
    executes(scheduler.nextTask()) // tx 1
    // tx 2 is taken, parked in 0's list, and nextTask moves on (nothing else: idle)
    expect(scheduler.nextTask().kind).toBe('idle')
    expect(scheduler.status(2)).toEqual({ incarnation: 0, status: TxStatus.Aborting })
    expect(scheduler.dependentsOf(0)).toEqual([2])
    expect(scheduler.stats().startDependencyWaits).toBe(1)
    expect(scheduler.numActiveTasks).toBe(2)
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(scheduler.status(2)).toEqual({ incarnation: 1, status: TxStatus.ReadyToExecute })
    expect(executes(scheduler.nextTask())).toEqual({ tx: 2, incarnation: 1 })
    expect(scheduler.pendingStartDependencies(2)).toEqual([])
  })

  test('a dependency already met costs nothing: j starts at once', () => {
    const scheduler = Scheduler.create({ txCount: 2 })
    scheduler.addStartDependency(1, 0)
    const v0 = executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    // nextTask validates 0 first (validation_idx 0 < execution_idx 1)...
    expect(scheduler.nextTask().kind).toBe('validate')
    expect(executes(scheduler.nextTask())).toEqual({ tx: 1, incarnation: 0 })
    expect(scheduler.stats().startDependencyWaits).toBe(0)
  })

  test('"has finished an execution" means ever: i being re-executed later does not hold j back again', () => {
    const scheduler = Scheduler.create({ txCount: 2 })
    scheduler.addStartDependency(1, 0)
    const v0 = executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(scheduler.tryValidationAbort(v0)).toBe(true) // 0 is ABORTING now
    expect(scheduler.tryIncarnate(1)).toEqual({ tx: 1, incarnation: 0 })
  })

  test('several dependencies are waited for one after the other', () => {
    const scheduler = Scheduler.create({ txCount: 4 })
    scheduler.addStartDependency(3, 0)
    scheduler.addStartDependency(3, 1)
    expect(scheduler.pendingStartDependencies(3)).toEqual([1, 0])
    const v0 = executes(scheduler.nextTask())
    const v1 = executes(scheduler.nextTask())
    executes(scheduler.nextTask()) // 2
    expect(scheduler.nextTask().kind).toBe('idle') // 3 parked on 1
    expect(scheduler.dependentsOf(1)).toEqual([3])
    // validation_idx passed 1 while it executed: its validation comes straight back.
    expect(scheduler.finishExecution(v1, { wroteNewLocation: false })).toMatchObject({ kind: 'validate' })
    expect(scheduler.nextTask().kind).toBe('idle') // 3 resumed, taken again, re-parked, now on 0
    expect(scheduler.dependentsOf(0)).toEqual([3])
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(executes(scheduler.nextTask())).toEqual({ tx: 3, incarnation: 2 })
  })

  test('only earlier transactions are accepted; wrong hints are rejected, never thrown', () => {
    const scheduler = Scheduler.create({ txCount: 3, startDependencyCapacity: 1 })
    expect(scheduler.addStartDependency(1, 1)).toEqual({ kind: 'rejected', reason: 'not-earlier' })
    expect(scheduler.addStartDependency(0, 2)).toEqual({ kind: 'rejected', reason: 'not-earlier' })
    expect(scheduler.addStartDependency(3, 0)).toEqual({ kind: 'rejected', reason: 'out-of-range' })
    expect(scheduler.addStartDependency(1, -1)).toEqual({ kind: 'rejected', reason: 'out-of-range' })
    expect(scheduler.addStartDependency(2, 1)).toEqual({ kind: 'added' })
    expect(scheduler.addStartDependency(2, 1)).toEqual({ kind: 'rejected', reason: 'duplicate' })
    expect(scheduler.addStartDependency(2, 0)).toEqual({ kind: 'rejected', reason: 'capacity' })
    scheduler.nextTask()
    expect(scheduler.addStartDependency(1, 0)).toEqual({ kind: 'rejected', reason: 'block-started' })
  })
})
