import { describe, expect, test } from 'vitest'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes, newScheduler } from './support/fixtures.js'

describe('addDependency', () => {
  test('when the blocker has not finished: the reader becomes ABORTING, waits in the blocker’s list, and gives up its task', () => {
    const scheduler = newScheduler(3)
    executes(scheduler.nextTask()) // 0
    executes(scheduler.nextTask()) // 1
    const v2 = executes(scheduler.nextTask())
    expect(scheduler.numActiveTasks).toBe(3)
    expect(scheduler.addDependency(2, 0)).toBe(true)
    expect(scheduler.status(2)).toEqual({ incarnation: 0, status: TxStatus.Aborting })
    expect(scheduler.dependentsOf(0)).toEqual([2])
    expect(scheduler.numActiveTasks).toBe(2)
    expect(scheduler.addDependency(1, 0)).toBe(true)
    expect(scheduler.dependentsOf(0)).toEqual([1, 2])
    expect(v2.tx).toBe(2)
    expect(scheduler.stats().dependencyAborts).toBe(2)
  })

  test('when the blocker is already EXECUTED: returns false and changes nothing (the reader reads again)', () => {
    const scheduler = newScheduler(2)
    const v0 = executes(scheduler.nextTask())
    executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(scheduler.addDependency(1, 0)).toBe(false)
    expect(scheduler.status(1)).toEqual({ incarnation: 0, status: TxStatus.Executing })
    expect(scheduler.dependentsOf(0)).toEqual([])
  })
})

describe('finishExecution of the blocker', () => {
  test('resumes every waiting transaction with its next incarnation and lowers execution_idx to the lowest', () => {
    const scheduler = newScheduler(4)
    const v0 = executes(scheduler.nextTask())
    for (let tx = 1; tx < 4; tx++) executes(scheduler.nextTask())
    scheduler.addDependency(3, 0)
    scheduler.addDependency(2, 0)
    expect(scheduler.executionIdx).toBe(4)
    const epoch = scheduler.workEpoch
    // validation_idx passed 0..2 while they were executing, so 0's validation comes straight back.
    expect(scheduler.finishExecution(v0, { wroteNewLocation: false })).toEqual({ kind: 'validate', version: v0 })
    expect(scheduler.status(2)).toEqual({ incarnation: 1, status: TxStatus.ReadyToExecute })
    expect(scheduler.status(3)).toEqual({ incarnation: 1, status: TxStatus.ReadyToExecute })
    expect(scheduler.dependentsOf(0)).toEqual([])
    expect(scheduler.executionIdx).toBe(2)
    expect(scheduler.workEpoch).toBeGreaterThan(epoch) // sleeping workers are woken
    // The resumed transactions are handed out again, lowest first.
    expect(executes(scheduler.nextTask())).toEqual({ tx: 2, incarnation: 1 })
    expect(executes(scheduler.nextTask())).toEqual({ tx: 3, incarnation: 1 })
    expect(scheduler.nextTask().kind).toBe('idle')
  })

  test('a transaction can wait again after being resumed (its link word is reused safely)', () => {
    const scheduler = newScheduler(3)
    const v0 = executes(scheduler.nextTask())
    const v1 = executes(scheduler.nextTask())
    executes(scheduler.nextTask())
    scheduler.addDependency(2, 0)
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    // tx 2 incarnation 1 runs and now waits for tx 1.
    expect(executes(scheduler.nextTask())).toEqual({ tx: 2, incarnation: 1 })
    expect(scheduler.addDependency(2, 1)).toBe(true)
    expect(scheduler.dependentsOf(1)).toEqual([2])
    expect(scheduler.dependentsOf(0)).toEqual([])
    scheduler.finishExecution(v1, { wroteNewLocation: false })
    expect(scheduler.status(2)).toEqual({ incarnation: 2, status: TxStatus.ReadyToExecute })
  })
})
