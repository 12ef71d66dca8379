import { describe, expect, test } from 'vitest'
import { TxStatus } from '../../scheduler/txStatus.js'
import { executes, newScheduler, validates } from './support/fixtures.js'

describe('nextTask', () => {
  test('hands out executions in block order, each with incarnation 0', () => {
    const scheduler = newScheduler(3)
    expect([0, 1, 2].map(() => executes(scheduler.nextTask()))).toEqual([
      { tx: 0, incarnation: 0 },
      { tx: 1, incarnation: 0 },
      { tx: 2, incarnation: 0 },
    ])
    expect(scheduler.executionIdx).toBe(3)
    expect(scheduler.numActiveTasks).toBe(3)
    for (let tx = 0; tx < 3; tx++) expect(scheduler.status(tx).status).toBe(TxStatus.Executing)
  })

  test('prefers a validation when validation_idx is below execution_idx', () => {
    const scheduler = newScheduler(2)
    const first = executes(scheduler.nextTask())
    // validation_idx (0) <= tx: no task returned, tx 0 is validated when the index reaches it.
    expect(scheduler.finishExecution(first, { wroteNewLocation: true })).toBeNull()
    expect(validates(scheduler.nextTask())).toEqual({ tx: 0, incarnation: 0 })
  })

  test('returns idle with the epoch read first when both indices are past the end but tasks are in flight', () => {
    const scheduler = newScheduler(1)
    executes(scheduler.nextTask())
    const epoch = scheduler.workEpoch
    const idle = scheduler.nextTask()
    expect(idle).toEqual({ kind: 'idle', epoch })
    expect(scheduler.isDone()).toBe(false)
  })

  test('an empty block is done at once', () => {
    expect(newScheduler(0).nextTask()).toEqual({ kind: 'done' })
  })

  test('a whole block on one worker: execute and validate each transaction, then done', () => {
    const scheduler = newScheduler(3)
    const log: string[] = []
    for (let task = scheduler.nextTask(); task.kind !== 'done'; ) {
      if (task.kind === 'execute') {
        log.push(`E${task.version.tx}`)
        const next = scheduler.finishExecution(task.version, { wroteNewLocation: false })
        task = next ?? scheduler.nextTask()
      } else if (task.kind === 'validate') {
        log.push(`V${task.version.tx}`)
        task = scheduler.finishValidation(task.version.tx, { aborted: false }) ?? scheduler.nextTask()
      } else {
        throw new Error(`unexpected ${task.kind}`)
      }
    }
    expect(log).toEqual(['E0', 'V0', 'E1', 'V1', 'E2', 'V2'])
    expect(scheduler.numActiveTasks).toBe(0)
    expect(scheduler.stats()).toMatchObject({ executions: 3, validations: 3, validationAborts: 0, dependencyAborts: 0 })
  })
})

test('an index passes over a waiting tail in one step, and a transaction passed over that becomes ready is still handed out', () => {
  const scheduler = newScheduler(6)
  for (let tx = 1; tx < 6; tx++) scheduler.addStartDependency(tx, tx - 1) // a chain, like one sender's nonces
  const first = executes(scheduler.nextTask()) // tx 0
  expect(scheduler.nextTask().kind).toBe('idle') // 1…5 park, each on its predecessor
  expect(scheduler.finishExecution(first, { wroteNewLocation: true })).toBeNull()
  // 0 resumed 1 (execution_idx back to 1) and lowered validation_idx to 0.
  expect(validates(scheduler.nextTask()).tx).toBe(0)
  expect(executes(scheduler.nextTask()).tx).toBe(1)
  // Nothing to validate or execute above 1: both indices pass the parked tail in one call each.
  expect(scheduler.nextTask().kind).toBe('idle')
  expect(scheduler.validationIdx).toBe(6)
  expect(scheduler.executionIdx).toBe(6)
})
