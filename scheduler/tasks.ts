/**
 * What the scheduler hands to a worker, as a discriminated union.
 *
 *   execute   run incarnation `version.incarnation` of transaction `version.tx`
 *   validate  re-check the read set that `version` recorded
 *   idle      nothing to hand out now; sleep until the work epoch moves past
 *             `epoch` (Scheduler.waitForWork) or, single-threaded, until
 *             another (virtual) worker finishes something
 *   done      every transaction is executed and validated: the block is final
 *   halted    someone called Scheduler.halt() (e.g. MVMemoryFullError): stop,
 *             the results of this block are not to be used
 */
import type { TxVersion } from '../src/shared/types.js'

export interface ExecutionTask {
  readonly kind: 'execute'
  readonly version: TxVersion
}

export interface ValidationTask {
  readonly kind: 'validate'
  readonly version: TxVersion
}

export interface IdleTask {
  readonly kind: 'idle'
  /** The work epoch read before the scheduler found nothing to do. */
  readonly epoch: number
}

export interface DoneTask {
  readonly kind: 'done'
}

export interface HaltedTask {
  readonly kind: 'halted'
}

export type Task = ExecutionTask | ValidationTask | IdleTask | DoneTask | HaltedTask

/** What a blocking wait returns: never `idle`. */
export type WorkerTask = ExecutionTask | ValidationTask | DoneTask | HaltedTask

export const DONE_TASK: DoneTask = Object.freeze({ kind: 'done' })
export const HALTED_TASK: HaltedTask = Object.freeze({ kind: 'halted' })

export function executionTask(version: TxVersion): ExecutionTask {
  return { kind: 'execute', version }
}

export function validationTask(version: TxVersion): ValidationTask {
  return { kind: 'validate', version }
}
