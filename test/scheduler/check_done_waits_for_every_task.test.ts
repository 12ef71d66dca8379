import { describe, expect, test } from 'vitest'
import { SchedulerInvariantError, SchedulerThreadError } from '../../scheduler/errors.js'
import { Scheduler } from '../../scheduler/scheduler.js'
import { executes, newScheduler, validates, version } from './support/fixtures.js'

describe('checkDone', () => {
  test('not done while a task is in flight, even with both indices past the end', () => {
    const scheduler = newScheduler(1)
    const v0 = executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    const v = validates(scheduler.nextTask())
    scheduler.checkDone()
    expect(scheduler.isDone()).toBe(false)
    expect(scheduler.nextTask().kind).toBe('idle')
    scheduler.finishValidation(v.tx, { aborted: false })
    expect(scheduler.isDone()).toBe(false) // finishing does not check; the next nextTask does
    expect(scheduler.nextTask()).toEqual({ kind: 'done' })
    expect(scheduler.isDone()).toBe(true)
  })

  test('not done while an index is below the end', () => {
    const scheduler = newScheduler(2)
    scheduler.checkDone()
    expect(scheduler.isDone()).toBe(false)
  })
})

describe('the work epoch', () => {
  test('moves when the validation index is lowered, on an announced execution-index decrease, or when the block is done', () => {
    const scheduler = newScheduler(2)
    const v0 = executes(scheduler.nextTask())
    const v1 = executes(scheduler.nextTask())
    let epoch = scheduler.workEpoch
    scheduler.decreaseValidationIdx(5) // changes nothing
    expect(scheduler.workEpoch).toBe(epoch)
    scheduler.decreaseExecutionIdx(5, false) // unannounced (one resumed transaction left to its caller)
    expect(scheduler.workEpoch).toBe(epoch)
    // Announced even when the index is already lower: it may have been lowered unannounced.
    scheduler.decreaseExecutionIdx(5)
    expect(scheduler.workEpoch).toBe(epoch + 1)
    scheduler.decreaseValidationIdx(0)
    expect(scheduler.workEpoch).toBe(epoch + 2)
    epoch = scheduler.workEpoch
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    scheduler.finishExecution(v1, { wroteNewLocation: false })
    for (let task = scheduler.nextTask(); task.kind === 'validate'; task = scheduler.nextTask()) scheduler.finishValidation(task.version.tx, { aborted: false })
    expect(scheduler.isDone()).toBe(true)
    expect(scheduler.workEpoch).toBeGreaterThan(epoch)
  })

  test('waitForWork refuses to block the main thread (a single-threaded caller would deadlock)', () => {
    const scheduler = newScheduler(1)
    expect(() => scheduler.waitForWork(scheduler.workEpoch)).toThrow(SchedulerThreadError)
    expect(() => scheduler.nextTaskBlocking()).not.toThrow() // a task is available: no wait needed
  })

  test('waitForWork returns at once when the epoch already moved', () => {
    const scheduler = newScheduler(1)
    const epoch = scheduler.workEpoch
    scheduler.halt()
    expect(() => scheduler.waitForWork(epoch, { allowMainThread: true, spinIterations: 0 })).not.toThrow()
  })

  test('waitForWorkAsync resolves when another agent bumps the epoch', async () => {
    const scheduler = newScheduler(2)
    executes(scheduler.nextTask())
    executes(scheduler.nextTask())
    const idle = scheduler.nextTask()
    expect(idle.kind).toBe('idle')
    const other = Scheduler.attach(scheduler.buffers)
    const waiting = idle.kind === 'idle' ? scheduler.waitForWorkAsync(idle.epoch) : Promise.resolve()
    setTimeout(() => other.halt(), 5)
    await waiting
    expect(scheduler.nextTask()).toEqual({ kind: 'halted' })
  })
})

describe('halt', () => {
  test('every later nextTask says halted; done can no longer be set', () => {
    const scheduler = newScheduler(1)
    const v0 = executes(scheduler.nextTask())
    scheduler.halt()
    expect(scheduler.nextTask()).toEqual({ kind: 'halted' })
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    scheduler.checkDone()
    expect(scheduler.isDone()).toBe(false)
    expect(scheduler.isHalted()).toBe(true)
  })
})

describe('misuse is a SchedulerInvariantError', () => {
  test('finishing an execution twice, or one never started', () => {
    const scheduler = newScheduler(2)
    const v0 = executes(scheduler.nextTask())
    scheduler.finishExecution(v0, { wroteNewLocation: false })
    expect(() => scheduler.finishExecution(v0, { wroteNewLocation: false })).toThrow(SchedulerInvariantError)
    expect(() => scheduler.finishExecution(version(1), { wroteNewLocation: false })).toThrow(/expected EXECUTING\(0\)/)
  })

  test('waiting for a higher transaction, or making ready a transaction that is not aborting', () => {
    const scheduler = newScheduler(2)
    executes(scheduler.nextTask())
    expect(() => scheduler.addDependency(0, 1)).toThrow(SchedulerInvariantError)
    expect(() => scheduler.setReadyStatus(0)).toThrow(/expected ABORTING/)
  })

  test('options are checked up front', () => {
    expect(() => Scheduler.create({ txCount: 1.5 })).toThrow('Scheduler.create: txCount must be an integer in [0, 2^30), got 1.5')
    expect(() => Scheduler.attach({} as never)).toThrow(TypeError)
  })
})
