import { expect, test } from 'vitest'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes, newScheduler } from './support/fixtures.js'

test('READY_TO_EXECUTE becomes EXECUTING for exactly one caller', () => {
  const scheduler = newScheduler(2)
  executes(scheduler.nextTask()) // tx 0
  expect(scheduler.nextVersionToExecute()).toEqual({ tx: 1, incarnation: 0 })
  expect(scheduler.status(1)).toEqual({ incarnation: 0, status: TxStatus.Executing })
  expect(scheduler.numActiveTasks).toBe(2)
  // Another worker reaches tx 1 again (say execution_idx was lowered meanwhile):
  // tryIncarnate fails and releases the task count that worker took.
  scheduler.decreaseExecutionIdx(1)
  expect(scheduler.nextVersionToExecute()).toBeNull()
  expect(scheduler.numActiveTasks).toBe(2)
  expect(scheduler.executionIdx).toBe(2)
})

test('an index past the end is not incarnated and releases its count', () => {
  const scheduler = newScheduler(1)
  executes(scheduler.nextTask())
  scheduler.decreaseExecutionIdx(0)
  expect(scheduler.nextVersionToExecute()).toBeNull() // tx 0 is EXECUTING
  expect(scheduler.numActiveTasks).toBe(1)
  expect(scheduler.nextVersionToExecute()).toBeNull() // index 1 is past the end: checkDone, nothing counted
  expect(scheduler.numActiveTasks).toBe(1)
})

test('a transaction that is EXECUTED or ABORTING is not incarnated', () => {
  const scheduler = newScheduler(1)
  const v = executes(scheduler.nextTask())
  scheduler.finishExecution(v, { wroteNewLocation: false })
  scheduler.decreaseExecutionIdx(0)
  expect(scheduler.nextVersionToExecute()).toBeNull()
  expect(scheduler.tryValidationAbort(v)).toBe(true)
  scheduler.decreaseExecutionIdx(0)
  expect(scheduler.nextVersionToExecute()).toBeNull()
  expect(scheduler.status(0)).toEqual({ incarnation: 0, status: TxStatus.Aborting })
})
