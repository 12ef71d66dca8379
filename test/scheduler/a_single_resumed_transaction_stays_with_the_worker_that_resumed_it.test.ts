import { expect, test } from 'vitest'
import { Scheduler } from '../../scheduler/scheduler.js'
import { executes } from './support/fixtures.js'

// One sender's chain of transactions: each resumes exactly the next. Announcing
// that one to idle workers made them ping-pong the chain between threads.

test('finishing a transaction that resumes one waiting transaction does not wake idle workers; its caller takes it', () => {
  const scheduler = Scheduler.create({ txCount: 3 })
  scheduler.addStartDependency(1, 0)
  const v0 = executes(scheduler.nextTask())
  expect(executes(scheduler.nextTask())).toEqual({ tx: 2, incarnation: 0 }) // 1 was taken, parked on 0, and skipped
  expect(scheduler.nextTask().kind).toBe('idle') // what an idle worker sees before it sleeps
  const epoch = scheduler.workEpoch
  // validation_idx passed 0 while it executed: its validation comes straight back to the caller
  expect(scheduler.finishExecution(v0, { wroteNewLocation: false })).toMatchObject({ kind: 'validate', version: { tx: 0 } })
  expect(scheduler.workEpoch).toBe(epoch) // the idle worker is not woken
  expect(scheduler.finishValidation(0, { aborted: false })).toBeNull()
  expect(executes(scheduler.nextTask())).toEqual({ tx: 1, incarnation: 1 }) // the caller's next task
})

test('resuming several transactions wakes idle workers', () => {
  const scheduler = Scheduler.create({ txCount: 3 })
  scheduler.addStartDependency(1, 0)
  scheduler.addStartDependency(2, 0)
  const v0 = executes(scheduler.nextTask())
  expect(scheduler.nextTask().kind).toBe('idle') // 1 and 2 parked on 0
  const epoch = scheduler.workEpoch
  scheduler.finishExecution(v0, { wroteNewLocation: false })
  expect(scheduler.workEpoch).toBeGreaterThan(epoch)
  expect(executes(scheduler.nextTask())).toEqual({ tx: 1, incarnation: 1 })
  expect(executes(scheduler.nextTask())).toEqual({ tx: 2, incarnation: 1 })
})

test('an unannounced resume does not hide later work from idle workers', () => {
  const scheduler = Scheduler.create({ txCount: 5 })
  scheduler.addStartDependency(1, 0)
  scheduler.addStartDependency(3, 2)
  scheduler.addStartDependency(4, 2)
  const v0 = executes(scheduler.nextTask())
  const v2 = executes(scheduler.nextTask()) // 1 parked on 0
  expect(v2.tx).toBe(2)
  expect(scheduler.nextTask().kind).toBe('idle') // 3 and 4 parked on 2
  const epoch = scheduler.workEpoch
  scheduler.finishExecution(v0, { wroteNewLocation: false }) // resumes 1 alone: execution_idx lowered to 1, unannounced
  expect(scheduler.workEpoch).toBe(epoch)
  scheduler.finishExecution(v2, { wroteNewLocation: false }) // resumes 3 and 4: the index is already lower, still announced
  expect(scheduler.workEpoch).toBeGreaterThan(epoch)
})
