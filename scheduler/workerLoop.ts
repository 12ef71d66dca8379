/**
 * The worker loop of Block-STM (arXiv 2203.06871, Algorithm 1), for any
 * transaction runner: a worker repeatedly takes a task, executes or
 * validates it, and follows the task the scheduler hands straight back.
 *
 *   run():                                  try_execute(version):
 *     task ← ⊥                                result ← VM.execute(version)
 *     while not done:                         if result blocked on tx b:
 *       if task is execution:                   if ¬add_dependency(tx, b): retry
 *         task ← try_execute(task.version)      else: return ⊥
 *       if task is validation:                wrote_new ← MV.record(version, reads, writes)
 *         task ← needs_reexecution(...)       return finish_execution(version, wrote_new)
 *       if task = ⊥:
 *         task ← next_task()                needs_reexecution(version):
 *                                             valid ← MV.validate_read_set(tx)
 *                                             aborted ← ¬valid ∧ try_validation_abort(version)
 *                                             if aborted: MV.convert_writes_to_estimates(tx)
 *                                             return finish_validation(tx, aborted)
 *
 * The runner reads through MVMemory.readInto and builds a ReadSet and a
 * WriteSet. When a read returns `blocked`, it either returns
 * `{ kind: 'blocked', on }` (the loop registers the dependency and, if the
 * writer has meanwhile finished, runs the transaction again), or calls
 * Scheduler.addDependency itself, re-reads on `false` and returns
 * `{ kind: 'suspended' }` on `true` (what an executor that resumes in the
 * middle of a transaction does).
 *
 * Any exception halts the scheduler before propagating: a worker that died
 * with a task in flight would otherwise leave the others waiting for it.
 */
import type { TxIndex, TxVersion } from '../src/shared/types.js'
import type { MVMemory } from './mvmemory.js'
import type { ReadSet } from './readSet.js'
import type { Scheduler, WaitOptions } from './scheduler.js'
import type { ExecutionTask, ValidationTask } from './tasks.js'
import type { WriteSet } from './writeSet.js'

export type ExecutionResult =
  | { readonly kind: 'completed'; readonly readSet: ReadSet; readonly writeSet: WriteSet }
  /** A read met an ESTIMATE of `on`; the runner did not call addDependency. */
  | { readonly kind: 'blocked'; readonly on: TxIndex }
  /** The runner called addDependency itself and it returned true: drop this incarnation. */
  | { readonly kind: 'suspended' }
  /**
   * The runner stopped before the end because a read it made is already
   * stale (a lower transaction published over it) and recorded nothing: run
   * the same incarnation again. Safe because an incarnation's only effect on
   * others is what MVMemory.record publishes; one stopped before recording
   * is as if it had started later. It stays EXECUTING throughout, so no
   * other worker takes it and its dependents keep waiting for it.
   */
  | { readonly kind: 'stale' }

export interface TxRunner {
  execute(version: TxVersion): ExecutionResult
}

export interface AsyncTxRunner {
  execute(version: TxVersion): ExecutionResult | Promise<ExecutionResult>
}

export interface WorkerLoopReport {
  readonly outcome: 'done' | 'halted'
  readonly executions: number
  readonly validations: number
}

/**
 * What happens after the VM ran (try_execute without the VM call). Returns
 * the follow-up task, or 'again' when the blocker finished meanwhile and the
 * transaction must run again.
 */
export function finishTry(scheduler: Scheduler, mv: MVMemory, version: TxVersion, result: ExecutionResult): ValidationTask | null | 'again' {
  switch (result.kind) {
    case 'completed': {
      const wroteNewLocation = mv.record(version, result.readSet, result.writeSet)
      return scheduler.finishExecution(version, { wroteNewLocation })
    }
    case 'suspended':
      return null
    case 'stale':
      return 'again'
    case 'blocked':
      return scheduler.addDependency(version.tx, result.on) ? null : 'again'
  }
}

/** needs_reexecution: validate, abort if invalid (and still current), hand back the re-execution if any. */
export function needsReexecution(scheduler: Scheduler, mv: MVMemory, version: TxVersion): ExecutionTask | null {
  const valid = mv.validateReadSet(version.tx)
  const aborted = !valid && scheduler.tryValidationAbort(version)
  if (aborted) mv.convertWritesToEstimates(version.tx)
  return scheduler.finishValidation(version.tx, { aborted })
}

/** The whole loop for a worker thread, sleeping with Atomics.wait when idle. */
export function runWorker(scheduler: Scheduler, mv: MVMemory, runner: TxRunner, options: WaitOptions = {}): WorkerLoopReport {
  let executions = 0
  let validations = 0
  let task: ExecutionTask | ValidationTask | null = null
  try {
    for (;;) {
      if (task === null) {
        const next = scheduler.nextTaskBlocking(options)
        if (next.kind === 'done' || next.kind === 'halted') return { outcome: next.kind, executions, validations }
        task = next
      }
      if (task.kind === 'execute') {
        executions++
        let follow: ValidationTask | null | 'again'
        do follow = finishTry(scheduler, mv, task.version, runner.execute(task.version))
        while (follow === 'again')
        task = follow
      } else {
        validations++
        task = needsReexecution(scheduler, mv, task.version)
      }
    }
  } catch (error) {
    scheduler.halt()
    throw error
  }
}

/**
 * The same loop for an asynchronous runner (e.g. ethereumjs runTx). Idle
 * waits use Atomics.waitAsync by default; a worker thread should pass
 * `blockingWait` (spin, then Atomics.wait): nothing else runs on it while
 * it is idle, and waking an async waiter costs the notifier ~100 µs per
 * Atomics.notify, on every task that lowers an index while the other worker
 * sleeps (measured: 18% of a worker's time on a 1,414-transaction block).
 */
export async function runWorkerAsync(scheduler: Scheduler, mv: MVMemory, runner: AsyncTxRunner, blockingWait?: WaitOptions): Promise<WorkerLoopReport> {
  let executions = 0
  let validations = 0
  let task: ExecutionTask | ValidationTask | null = null
  try {
    for (;;) {
      if (task === null) {
        const next = blockingWait !== undefined ? scheduler.nextTaskBlocking(blockingWait) : await scheduler.nextTaskAsync()
        if (next.kind === 'done' || next.kind === 'halted') return { outcome: next.kind, executions, validations }
        task = next
      }
      if (task.kind === 'execute') {
        executions++
        let follow: ValidationTask | null | 'again'
        do follow = finishTry(scheduler, mv, task.version, await runner.execute(task.version))
        while (follow === 'again')
        task = follow
      } else {
        validations++
        task = needsReexecution(scheduler, mv, task.version)
      }
    }
  } catch (error) {
    scheduler.halt()
    throw error
  }
}
