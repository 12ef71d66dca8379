import { describe, expect, test } from 'vitest'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes, newScheduler, validates, version } from './support/fixtures.js'

/** Every transaction executed once (validation_idx still 0, so nothing validated yet). */
function executedAndValidated(txCount: number) {
  const scheduler = newScheduler(txCount)
  for (let tx = 0; tx < txCount; tx++) {
    const v = scheduler.nextVersionToExecute()
    expect(v).toEqual({ tx, incarnation: 0 })
    expect(scheduler.finishExecution(v!, { wroteNewLocation: false })).toBeNull()
  }
  return scheduler
}

describe('tryValidationAbort', () => {
  test('EXECUTED(i) → ABORTING(i) for the current incarnation, once', () => {
    const scheduler = executedAndValidated(1)
    expect(scheduler.tryValidationAbort(version(0, 0))).toBe(true)
    expect(scheduler.status(0)).toEqual({ incarnation: 0, status: TxStatus.Aborting })
    expect(scheduler.tryValidationAbort(version(0, 0))).toBe(false) // a second validator loses
    expect(scheduler.stats().validationAborts).toBe(1)
  })

  test('a stale incarnation cannot be aborted', () => {
    const scheduler = executedAndValidated(1)
    expect(scheduler.tryValidationAbort(version(0, 1))).toBe(false)
    expect(scheduler.status(0).status).toBe(TxStatus.Executed)
  })
})

describe('finishValidation', () => {
  test('after an abort: READY with the next incarnation, validation_idx to tx + 1, and the re-execution handed back', () => {
    const scheduler = executedAndValidated(3)
    expect(validates(scheduler.nextTask()).tx).toBe(0)
    scheduler.finishValidation(0, { aborted: false })
    const v1 = validates(scheduler.nextTask())
    expect(validates(scheduler.nextTask()).tx).toBe(2)
    scheduler.finishValidation(2, { aborted: false })
    expect(scheduler.validationIdx).toBe(3)
    expect(scheduler.tryValidationAbort(v1)).toBe(true)
    const next = scheduler.finishValidation(1, { aborted: true })
    expect(next).toEqual({ kind: 'execute', version: { tx: 1, incarnation: 1 } })
    expect(scheduler.status(1)).toEqual({ incarnation: 1, status: TxStatus.Executing })
    expect(scheduler.validationIdx).toBe(2) // tx 2 must be validated again
    expect(scheduler.numActiveTasks).toBe(1) // the validation's count carried over to the execution
  })

  test('after an abort with execution_idx not past tx: READY, no task, count released', () => {
    const scheduler = newScheduler(2)
    const v0 = executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(validates(scheduler.nextTask())).toEqual(v0)
    scheduler.decreaseExecutionIdx(0) // as if a dependency resumed 0
    expect(scheduler.tryValidationAbort(v0)).toBe(true)
    expect(scheduler.finishValidation(0, { aborted: true })).toBeNull()
    expect(scheduler.status(0)).toEqual({ incarnation: 1, status: TxStatus.ReadyToExecute })
    expect(scheduler.numActiveTasks).toBe(0)
    expect(executes(scheduler.nextTask())).toEqual({ tx: 0, incarnation: 1 })
  })

  test('without an abort: just releases the task', () => {
    const scheduler = executedAndValidated(1)
    validates(scheduler.nextTask())
    expect(scheduler.finishValidation(0, { aborted: false })).toBeNull()
    expect(scheduler.numActiveTasks).toBe(0)
    expect(scheduler.nextTask()).toEqual({ kind: 'done' })
  })
})
