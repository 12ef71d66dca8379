import { describe, expect, test } from 'vitest'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes, newScheduler, validates } from './support/fixtures.js'

describe('finishExecution', () => {
  test('EXECUTING → EXECUTED; without a new location, and validation_idx already past tx, returns tx’s own validation', () => {
    const scheduler = newScheduler(2)
    const v0 = executes(scheduler.nextTask())
    // The second worker's nextTask looks for something to validate: 0 is still executing, so
    // validation_idx passes over it up to the execution index (1), never beyond; then it executes 1.
    const v1 = executes(scheduler.nextTask())
    expect(scheduler.validationIdx).toBe(1)
    expect(scheduler.finishExecution(v0, { wroteNewLocation: false })).toEqual({ kind: 'validate', version: v0 })
    expect(scheduler.status(0)).toEqual({ incarnation: 0, status: TxStatus.Executed })
    expect(scheduler.numActiveTasks).toBe(2) // the execution's count carried over to the validation
    // validation_idx (1) has not passed 1: its validation comes through the index.
    expect(scheduler.finishExecution(v1, { wroteNewLocation: false })).toBeNull()
    expect(scheduler.numActiveTasks).toBe(1)
    expect(validates(scheduler.nextTask())).toEqual(v1)
  })

  test('the validation index never passes over the execution index, however long the block', () => {
    const scheduler = newScheduler(10_000)
    const v0 = executes(scheduler.nextTask())
    executes(scheduler.nextTask()) // validation first looked at 0 (executing) and stopped at the execution index
    expect(scheduler.validationIdx).toBe(1)
    expect(scheduler.executionIdx).toBe(2)
    expect(scheduler.finishExecution(v0, { wroteNewLocation: false })).toEqual({ kind: 'validate', version: v0 })
  })

  test('with a new location, lowers validation_idx to tx so that every higher transaction is validated again', () => {
    const scheduler = newScheduler(3)
    const [v0, v1, v2] = [0, 1, 2].map(() => executes(scheduler.nextTask()))
    expect(v0).toBeDefined()
    expect(scheduler.validationIdx).toBe(2) // passed over 0 and 1 (executing), up to the execution index at the time
    expect(scheduler.finishExecution(v2!, { wroteNewLocation: true })).toBeNull()
    const decreases = scheduler.decreaseCount
    expect(scheduler.finishExecution(v1!, { wroteNewLocation: true })).toBeNull()
    expect(scheduler.validationIdx).toBe(1)
    expect(scheduler.decreaseCount).toBe(decreases + 1)
    expect(validates(scheduler.nextTask()).tx).toBe(1)
    expect(validates(scheduler.nextTask()).tx).toBe(2)
  })

  test('when validation_idx has not reached tx, returns nothing (the index will get there)', () => {
    const scheduler = newScheduler(1)
    const v0 = executes(scheduler.nextTask())
    expect(scheduler.finishExecution(v0, { wroteNewLocation: false })).toBeNull()
    expect(scheduler.validationIdx).toBe(0)
    expect(scheduler.numActiveTasks).toBe(0)
    expect(validates(scheduler.nextTask())).toEqual(v0)
  })
})
