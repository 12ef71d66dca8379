/**
 * The Block-STM collaborative scheduler (Gelashvili et al., arXiv 2203.06871,
 * Algorithms 4 and 5), in shared memory so that every worker thread runs it.
 *
 * How tasks flow
 * --------------
 * A block of n transactions must end in the state that executing them one
 * after another would produce. Workers execute transactions optimistically
 * in parallel, each incarnation writing into the multi-version memory
 * (mvmemory.ts), and then validate them: a validation re-reads everything the
 * incarnation read and aborts it if any read would now return something else.
 *
 * There is no task queue. Two shared indices say where the lowest work is:
 * `execution_idx`, the lowest transaction that may still need an execution,
 * and `validation_idx`, the lowest that may still need a validation. A
 * worker asking for work (nextTask) takes the lower of the two kinds: if
 * validation_idx < execution_idx it fetches-and-increments validation_idx and
 * validates that transaction, otherwise it does the same with execution_idx
 * and executes. Because both indices move upwards through the block, work is
 * handed out lowest first, which is what makes the earliest transactions
 * final soonest and keeps aborts cheap.
 *
 * Indices only go back down for a reason, and then only to exactly where new
 * work appeared:
 * - an execution that wrote a location its previous incarnation did not
 *   write lowers validation_idx to itself: every higher transaction may have
 *   read around the new write and must be validated again;
 * - a validation that aborts transaction k lowers validation_idx to k + 1
 *   (k's writes are now ESTIMATEs; everything above must be re-checked) and
 *   usually hands k's next incarnation straight back to the same worker;
 * - a transaction that finishes executing resumes the transactions that were
 *   waiting for it (they read one of its ESTIMATEs) and lowers execution_idx
 *   to the lowest of them.
 *
 * An execution that reads an ESTIMATE of a lower transaction i does not spin:
 * it registers itself in i's dependency list (addDependency) and gives up its
 * task. When i finishes executing, the list is resumed. Dependencies only ever
 * point downwards (j waits for i < j), so the lowest unfinished transaction
 * never waits and the block always makes progress.
 *
 * The block is done when both indices are past the end, no task is in
 * flight, and no index was lowered while this was being checked (checkDone,
 * with decrease_cnt as the witness). At that point every transaction's last
 * incarnation has been validated after the last write that could affect it.
 * Liveness of done: a worker checks after releasing a task count and before
 * it would go idle, so the worker that releases the last count sets done.
 *
 * Shared memory
 * -------------
 * All state lives in one SharedArrayBuffer (layout in schedulerLayout.ts),
 * operated with Atomics, all of which are sequentially consistent in
 * JavaScript. A transaction's status and incarnation share one word, so each
 * status transition is one compareExchange (txStatus.ts draws the machine).
 * Dependency lists are intrusive: a waiting transaction is linked through
 * its own DEP_NEXT word. A transaction waits in at most one list at a time
 * (it is ABORTING until resumed, and only an EXECUTING transaction can start
 * waiting), so one link word per transaction is enough: no node pool, no
 * allocation, nothing to overflow or reclaim. Each list head is guarded by a
 * small spin lock (DEP_LOCK) in the blocking transaction's block.
 *
 * Lock ordering: a thread holds at most one lock at a time, and only for a
 * few loads and stores. The only lock is DEP_LOCK; inside it we perform
 * compareExchanges on status words (which are not locks) and never take
 * another DEP_LOCK or a multi-version memory lock. No cycle, no deadlock.
 *
 * Sleeping: a worker that finds both indices past the end while other tasks
 * are still in flight has nothing to do until an index is lowered or the
 * block is done. nextTask then returns `{ kind: 'idle', epoch }`, where
 * `epoch` is the WORK_EPOCH value read BEFORE the indices were examined.
 * Every decrease, done and halt bumps WORK_EPOCH after changing the state and
 * then notifies, so a worker that sleeps with Atomics.wait(WORK_EPOCH, epoch)
 * cannot miss a wake-up: if the change came after its read of the epoch, the
 * wait returns at once. One exception, which needs no wake-up: a
 * finishExecution that resumes exactly one transaction of its own list
 * leaves it to its caller, who asks for the next task right after
 * (resumeDependencies). waitForWork spins on Atomics.load briefly before
 * sleeping, because a wake-up costs ~24 µs against ~1 ms per transaction.
 *
 * Single-threaded use (the simulator, unit tests) calls exactly the same
 * methods but never waits: on `idle` it lets another (virtual) worker run.
 *
 * Hints (hooks only; the analyzer decides what to pass):
 * - addStartDependency(j, i), before the block starts: j is not incarnated
 *   before i has finished an execution. Implemented with the paper's own
 *   dependency mechanism: when j is incarnated and i has never executed, j
 *   parks in i's dependency list and is resumed by i's finishExecution. Only
 *   i < j is accepted (anything else is rejected, never an error), so waits
 *   point downwards and cannot form a cycle. A wrong hint costs time, never a
 *   result: it only delays when j starts. With a HintTrust, each wait is
 *   judged afterwards and, once hints are distrusted, the remaining start
 *   dependencies are skipped (hintTrust.ts).
 * - Pre-marked ESTIMATEs live in the multi-version memory (preMarkEstimate).
 */
import { isMainThread } from 'node:worker_threads'
import type { Incarnation, TxIndex, TxVersion } from '../src/shared/types.js'
import { SchedulerInvariantError, SchedulerThreadError } from './errors.js'
import { HintTrust } from './hintTrust.js'
import {
  BLOCKER,
  DECREASE_CNT,
  DEP_HEAD,
  DEP_LOCK,
  DEP_NEXT,
  DONE,
  DONE_MARKER,
  EVER_EXECUTED,
  EXECUTION_IDX,
  FLAGS,
  HALTED,
  NEXT,
  NUM_ACTIVE_TASKS,
  RUNNING,
  SLEEPERS,
  START_HEAD,
  START_NODE_WORDS,
  START_POOL_CAPACITY,
  START_POOL_NEXT,
  STAT_DEPENDENCY_ABORTS,
  STAT_EXECUTIONS,
  STAT_START_WAITS,
  STAT_VALIDATION_ABORTS,
  STAT_VALIDATIONS,
  STATUS,
  TX_COUNT,
  VALIDATION_IDX,
  WORK_EPOCH,
  schedulerWords,
  startPoolAt,
  txBlockAt,
} from './schedulerLayout.js'
import { acquireSpinLock, releaseSpinLock } from './spinLock.js'
import {
  DONE_TASK,
  HALTED_TASK,
  executionTask,
  validationTask,
  type ExecutionTask,
  type Task,
  type ValidationTask,
  type WorkerTask,
} from './tasks.js'
import {
  MAX_INCARNATION,
  TX_STATUS_NAMES,
  TxStatus,
  describeStatusWord,
  incarnationOf,
  packStatus,
  statusOf,
  type TxStatusView,
} from './txStatus.js'

export interface SchedulerOptions {
  /** Number of transactions in the block. */
  readonly txCount: number
  /** Room for start dependencies (addStartDependency); default 4 per transaction. */
  readonly startDependencyCapacity?: number
  /** Judge hints while the block runs and skip start dependencies once they are distrusted (hintTrust.ts). */
  readonly trust?: HintTrust
}

/** Everything a worker needs to attach to the same scheduler: post it with postMessage. */
export interface SchedulerBuffers {
  readonly state: SharedArrayBuffer
  /** HintTrust's buffer, shared with the multi-version memory (optional). */
  readonly trust?: SharedArrayBuffer
}

export interface WaitOptions {
  /** Atomics.load polls of the work epoch before sleeping in Atomics.wait. */
  readonly spinIterations?: number
  /** Allow Atomics.wait on the main thread (Node permits it; a single-threaded caller would deadlock). */
  readonly allowMainThread?: boolean
  /**
   * Work a worker may do instead of sleeping when the scheduler has no task
   * for it (e.g. work that does not depend on the state). Returns false when
   * there is none left; the worker then sleeps as usual. Each call should be
   * short: a task that appears meanwhile waits for it to return.
   */
  readonly idleWork?: () => boolean
}

export type StartDependencyOutcome =
  | { readonly kind: 'added' }
  | {
      readonly kind: 'rejected'
      /**
       * not-earlier: `after` >= `tx` (would allow cycles; ignored).
       * out-of-range: an index outside the block.
       * duplicate: the same pair was already added.
       * block-started: workers already took tasks; hints must come first.
       * capacity: the start-dependency pool is full (raise startDependencyCapacity).
       */
      readonly reason: 'not-earlier' | 'out-of-range' | 'duplicate' | 'block-started' | 'capacity'
    }

export interface SchedulerStats {
  /** Incarnations handed out for execution (including ones later aborted by a dependency). */
  readonly executions: number
  /** Validation tasks handed out. */
  readonly validations: number
  /** Validations that aborted their incarnation. */
  readonly validationAborts: number
  /** Executions that stopped on an ESTIMATE and waited for the writer. */
  readonly dependencyAborts: number
  /** Incarnations parked before starting because a start dependency was not met yet. */
  readonly startDependencyWaits: number
}

/** Spin polls before Atomics.wait: ~20-30 µs of Atomics.load at ~7 ns each. */
export const DEFAULT_SPIN_ITERATIONS = 4096

/** Why a transaction waits for a lower one. */
const DependencyKind = {
  /** The reader hit an ESTIMATE: wait until the blocker's current incarnation is EXECUTED. */
  Read: 0,
  /** A start dependency: wait until the blocker has ever finished an execution. */
  Start: 1,
} as const
type DependencyKind = (typeof DependencyKind)[keyof typeof DependencyKind]

export class Scheduler {
  /** Number of transactions in the block. */
  readonly txCount: number
  readonly buffers: SchedulerBuffers
  private readonly words: Int32Array
  private readonly startPool: number
  private readonly trust: HintTrust | undefined

  private constructor(buffers: SchedulerBuffers) {
    this.buffers = buffers
    this.words = new Int32Array(buffers.state)
    this.trust = buffers.trust === undefined ? undefined : HintTrust.attach(buffers.trust)
    this.txCount = Atomics.load(this.words, TX_COUNT)
    this.startPool = startPoolAt(this.txCount)
  }

  static create(options: SchedulerOptions): Scheduler {
    const { txCount } = options
    if (!Number.isInteger(txCount) || txCount < 0 || txCount > 0x3fffffff) {
      throw new RangeError(`Scheduler.create: txCount must be an integer in [0, 2^30), got ${txCount}`)
    }
    const startCapacity = options.startDependencyCapacity ?? 4 * txCount
    if (!Number.isInteger(startCapacity) || startCapacity < 0) {
      throw new RangeError(`Scheduler.create: startDependencyCapacity must be a non-negative integer, got ${startCapacity}`)
    }
    const state = new SharedArrayBuffer(schedulerWords(txCount, startCapacity) * Int32Array.BYTES_PER_ELEMENT)
    const words = new Int32Array(state)
    // Every status word starts as packStatus(0, READY_TO_EXECUTE) === 0, every
    // list empty: a zeroed buffer is the initial state.
    Atomics.store(words, TX_COUNT, txCount)
    Atomics.store(words, START_POOL_CAPACITY, startCapacity)
    return new Scheduler(options.trust === undefined ? { state } : { state, trust: options.trust.buffer })
  }

  static attach(buffers: SchedulerBuffers): Scheduler {
    if (!(buffers?.state instanceof SharedArrayBuffer)) {
      throw new TypeError('Scheduler.attach: buffers.state must be the SharedArrayBuffer from Scheduler.create')
    }
    return new Scheduler(buffers)
  }

  // ------------------------------------------------------------------
  // Algorithm 4: indices, done detection, handing out tasks.

  /**
   * execution_idx ← min(execution_idx, target); decrease_cnt += 1.
   * Invariant kept: every transaction ≥ target that is READY_TO_EXECUTE will
   * be picked up by nextVersionToExecute after this call.
   *
   * `announce` wakes idle workers even when the index was already lower:
   * it may have been lowered without an announcement (resumeDependencies
   * leaves one resumed transaction to its caller), and sleepers that only
   * an announcement wakes would otherwise miss this new work.
   */
  decreaseExecutionIdx(target: number, announce = true): void {
    this.lowerIndex(EXECUTION_IDX, target)
    Atomics.add(this.words, DECREASE_CNT, 1)
    if (announce) this.bumpWorkEpoch()
  }

  /**
   * validation_idx ← min(validation_idx, target); decrease_cnt += 1.
   * Invariant kept: every transaction ≥ target that is EXECUTED now will be
   * validated (again) after this call, so a read that happened before the
   * caller's write cannot stay unchecked.
   */
  decreaseValidationIdx(target: number): void {
    const lowered = this.lowerIndex(VALIDATION_IDX, target)
    Atomics.add(this.words, DECREASE_CNT, 1)
    if (lowered) this.bumpWorkEpoch()
  }

  /**
   * Sets done when both indices are past the end and no task is in flight.
   * decrease_cnt is read first and again last: if an index was lowered while
   * we looked (by a task that was finishing as we read NUM_ACTIVE_TASKS), the
   * two reads differ and we do not declare the block done.
   */
  checkDone(): void {
    const words = this.words
    const observed = Atomics.load(words, DECREASE_CNT)
    if (
      Math.min(Atomics.load(words, EXECUTION_IDX), Atomics.load(words, VALIDATION_IDX)) >= this.txCount &&
      Atomics.load(words, NUM_ACTIVE_TASKS) === 0 &&
      observed === Atomics.load(words, DECREASE_CNT)
    ) {
      if (Atomics.compareExchange(words, DONE_MARKER, RUNNING, DONE) === RUNNING) this.bumpWorkEpoch()
    }
  }

  /**
   * READY_TO_EXECUTE(i) → EXECUTING(i), or null. Called with one active
   * task already counted for the caller: on success that count belongs to
   * the returned execution; on failure it is released here (and only here).
   * A transaction whose start dependency is not met is parked instead; then
   * addDependency has released the count.
   */
  tryIncarnate(tx: number): TxVersion | null {
    if (tx < this.txCount) {
      const at = txBlockAt(tx) + STATUS
      const word = Atomics.load(this.words, at)
      if (statusOf(word) === TxStatus.ReadyToExecute) {
        const incarnation = incarnationOf(word)
        if (Atomics.compareExchange(this.words, at, word, packStatus(incarnation, TxStatus.Executing)) === word) {
          // We own (tx, incarnation) now; the compareExchange elected us.
          if (this.parkOnStartDependency(tx)) return null
          Atomics.add(this.words, STAT_EXECUTIONS, 1)
          return { tx: tx as TxIndex, incarnation }
        }
      }
    }
    Atomics.sub(this.words, NUM_ACTIVE_TASKS, 1)
    return null
  }

  nextVersionToExecute(): TxVersion | null {
    if (Atomics.load(this.words, EXECUTION_IDX) >= this.txCount) {
      this.checkDone()
      return null
    }
    // Count the task BEFORE taking the index: checkDone must never see the
    // index moved past the end while our task is not counted yet.
    Atomics.add(this.words, NUM_ACTIVE_TASKS, 1)
    const tx = this.takeIndex(EXECUTION_IDX, TxStatus.ReadyToExecute)
    return this.tryIncarnate(tx)
  }

  nextVersionToValidate(): TxVersion | null {
    if (Atomics.load(this.words, VALIDATION_IDX) >= this.txCount) {
      this.checkDone()
      return null
    }
    Atomics.add(this.words, NUM_ACTIVE_TASKS, 1)
    const tx = this.takeIndex(VALIDATION_IDX, TxStatus.Executed)
    if (tx < this.txCount) {
      const word = Atomics.load(this.words, txBlockAt(tx) + STATUS)
      // Only an EXECUTED incarnation has a read set to validate. Anything
      // else will be validated later: an execution in flight is validated
      // through finishExecution, an aborted one after its re-execution.
      if (statusOf(word) === TxStatus.Executed) {
        Atomics.add(this.words, STAT_VALIDATIONS, 1)
        return { tx: tx as TxIndex, incarnation: incarnationOf(word) }
      }
    }
    Atomics.sub(this.words, NUM_ACTIVE_TASKS, 1)
    return null
  }

  /**
   * The next task for this worker, never blocking.
   *
   * The paper's next_task may return nothing just because the transaction
   * under an index was busy; we retry then (each retry moves an index up, so
   * this loop is bounded by the block size) and return `idle` only when both
   * indices are past the end, i.e. when only an index decrease or the end of
   * the block can create work. `idle.epoch` was read before that check.
   */
  nextTask(): Task {
    const words = this.words
    for (;;) {
      const marker = Atomics.load(words, DONE_MARKER)
      if (marker !== RUNNING) return marker === DONE ? DONE_TASK : HALTED_TASK
      const epoch = Atomics.load(words, WORK_EPOCH)
      if (Atomics.load(words, VALIDATION_IDX) < Atomics.load(words, EXECUTION_IDX)) {
        const version = this.nextVersionToValidate()
        if (version !== null) return validationTask(version)
      } else {
        const version = this.nextVersionToExecute()
        if (version !== null) return executionTask(version)
      }
      if (Atomics.load(words, EXECUTION_IDX) >= this.txCount && Atomics.load(words, VALIDATION_IDX) >= this.txCount) {
        // Check done once more before going idle. Our own attempt above may
        // have counted a task for a moment (another worker took the last index
        // between our load and our fetch-and-increment), and a worker whose
        // checkDone saw that transient count did not declare the block done.
        // Whoever releases the last count must check after releasing it;
        // otherwise every worker could fall asleep in a finished block (the
        // multi-threaded stress test caught exactly that).
        this.checkDone()
        const after = Atomics.load(words, DONE_MARKER)
        if (after !== RUNNING) return after === DONE ? DONE_TASK : HALTED_TASK
        return { kind: 'idle', epoch }
      }
    }
  }

  // ------------------------------------------------------------------
  // Algorithm 5: dependencies, finishing and aborting.

  /**
   * The execution of `tx` read an ESTIMATE written by `blockingTx`. Returns
   * false if blockingTx has meanwhile finished executing (the caller re-reads
   * and carries on), true if `tx` now waits in blockingTx's dependency list:
   * then its incarnation is ABORTING, its task is released here, and the
   * caller must stop executing it at once without recording anything.
   */
  addDependency(tx: number, blockingTx: number): boolean {
    const dependent = this.addDependencyOf(tx, blockingTx, DependencyKind.Read)
    if (dependent) Atomics.add(this.words, STAT_DEPENDENCY_ABORTS, 1)
    return dependent
  }

  /** ABORTING(i) → READY_TO_EXECUTE(i + 1). Only the party that set ABORTING calls this. */
  setReadyStatus(tx: number): void {
    const at = txBlockAt(tx) + STATUS
    const word = Atomics.load(this.words, at)
    const incarnation = incarnationOf(word)
    if (statusOf(word) !== TxStatus.Aborting) {
      throw new SchedulerInvariantError(`setReadyStatus(${tx}): status is ${TX_STATUS_NAMES[statusOf(word)]}, expected ABORTING`)
    }
    if (incarnation >= MAX_INCARNATION) {
      throw new SchedulerInvariantError(`transaction ${tx} exceeded ${MAX_INCARNATION} incarnations`)
    }
    if (Atomics.compareExchange(this.words, at, word, packStatus(incarnation + 1, TxStatus.ReadyToExecute)) !== word) {
      throw new SchedulerInvariantError(`setReadyStatus(${tx}): status changed under its only owner`)
    }
  }

  /**
   * (tx, incarnation) finished executing and recorded its writes. Resumes the
   * transactions that waited for it and schedules its validation: if it wrote
   * a location its previous incarnation did not, every higher transaction may
   * have read around that write, so validation_idx drops to tx; otherwise
   * only tx itself needs validating, and the caller gets that task directly
   * (unless validation_idx has not reached tx yet, in which case tx will be
   * validated when it does).
   */
  finishExecution(version: TxVersion, outcome: { readonly wroteNewLocation: boolean }): ValidationTask | null {
    const { tx, incarnation } = version
    const block = txBlockAt(tx)
    // EVER_EXECUTED before EXECUTED, both before DEP_LOCK: an addDependency
    // that holds the lock and sees neither has inserted before our swap below.
    Atomics.or(this.words, block + FLAGS, EVER_EXECUTED)
    const executing = packStatus(incarnation, TxStatus.Executing)
    if (Atomics.compareExchange(this.words, block + STATUS, executing, packStatus(incarnation, TxStatus.Executed)) !== executing) {
      throw new SchedulerInvariantError(
        `finishExecution(${tx}, ${incarnation}): status is ${this.describe(tx)}, expected EXECUTING(${incarnation})`,
      )
    }
    acquireSpinLock(this.words, block + DEP_LOCK)
    const waiting = Atomics.load(this.words, block + DEP_HEAD)
    Atomics.store(this.words, block + DEP_HEAD, 0)
    releaseSpinLock(this.words, block + DEP_LOCK)
    this.resumeDependencies(waiting, { leaveOneToCaller: true })
    if (this.trust?.claimRelease() === true) this.releaseAllWaiting()

    if (Atomics.load(this.words, VALIDATION_IDX) > tx) {
      if (outcome.wroteNewLocation) {
        this.decreaseValidationIdx(tx)
      } else {
        // The task count of this execution carries over to its validation.
        Atomics.add(this.words, STAT_VALIDATIONS, 1)
        return validationTask(version)
      }
    }
    Atomics.sub(this.words, NUM_ACTIVE_TASKS, 1)
    return null
  }

  /** EXECUTED(i) → ABORTING(i) if `version` is still the current, executed incarnation. At most one caller wins. */
  tryValidationAbort(version: TxVersion): boolean {
    const at = txBlockAt(version.tx) + STATUS
    const executed = packStatus(version.incarnation, TxStatus.Executed)
    if (Atomics.compareExchange(this.words, at, executed, packStatus(version.incarnation, TxStatus.Aborting)) === executed) {
      Atomics.add(this.words, STAT_VALIDATION_ABORTS, 1)
      return true
    }
    return false
  }

  /**
   * Ends a validation task. If it aborted tx (and the caller has already
   * turned tx's writes into ESTIMATEs), tx becomes ready with the next
   * incarnation, every higher transaction is scheduled for validation again,
   * and - if execution_idx is already past tx - the caller gets tx's next
   * incarnation to execute right away instead of waiting for the index.
   *
   * Task accounting: the validation's count is released exactly once - by
   * tryIncarnate when it fails, by this method otherwise, or carried over to
   * the returned execution.
   */
  finishValidation(tx: number, outcome: { readonly aborted: boolean }): ExecutionTask | null {
    if (outcome.aborted) {
      this.setReadyStatus(tx)
      this.decreaseValidationIdx(tx + 1)
      if (Atomics.load(this.words, EXECUTION_IDX) > tx) {
        const version = this.tryIncarnate(tx)
        return version === null ? null : executionTask(version)
      }
    }
    Atomics.sub(this.words, NUM_ACTIVE_TASKS, 1)
    return null
  }

  // ------------------------------------------------------------------
  // Hints.

  /**
   * Before the block starts: `tx` must not start executing before `after`
   * has finished an execution. Only `after < tx` is accepted; anything else
   * is rejected and ignored (a hint is advice, never an error). Call it on
   * one thread, before any worker calls nextTask.
   */
  addStartDependency(tx: number, after: number): StartDependencyOutcome {
    if (!Number.isInteger(tx) || !Number.isInteger(after) || tx < 0 || after < 0 || tx >= this.txCount) {
      return { kind: 'rejected', reason: 'out-of-range' }
    }
    if (after >= tx) return { kind: 'rejected', reason: 'not-earlier' }
    const words = this.words
    if (Atomics.load(words, EXECUTION_IDX) > 0 || Atomics.load(words, VALIDATION_IDX) > 0 || Atomics.load(words, DONE_MARKER) !== RUNNING) {
      return { kind: 'rejected', reason: 'block-started' }
    }
    const headAt = txBlockAt(tx) + START_HEAD
    for (let node = Atomics.load(words, headAt); node !== 0; node = words[this.startNodeAt(node) + NEXT]!) {
      if (words[this.startNodeAt(node) + BLOCKER] === after) return { kind: 'rejected', reason: 'duplicate' }
    }
    const used = Atomics.load(words, START_POOL_NEXT)
    if (used >= Atomics.load(words, START_POOL_CAPACITY)) return { kind: 'rejected', reason: 'capacity' }
    Atomics.store(words, START_POOL_NEXT, used + 1)
    const node = used + 1
    const at = this.startNodeAt(node)
    words[at + BLOCKER] = after
    words[at + NEXT] = Atomics.load(words, headAt)
    Atomics.store(words, headAt, node)
    return { kind: 'added' }
  }

  /** The start dependencies of `tx` not yet known to be met, in the order they will be checked. */
  pendingStartDependencies(tx: number): TxIndex[] {
    const blockers: TxIndex[] = []
    for (let node = Atomics.load(this.words, txBlockAt(tx) + START_HEAD); node !== 0; node = this.words[this.startNodeAt(node) + NEXT]!) {
      blockers.push(this.words[this.startNodeAt(node) + BLOCKER]! as TxIndex)
    }
    return blockers
  }

  // ------------------------------------------------------------------
  // Waiting and stopping.

  /**
   * Sleeps until the work epoch differs from `epoch` (from an `idle` task).
   * Spins on Atomics.load first; then Atomics.wait. Worker threads only.
   */
  waitForWork(epoch: number, options: WaitOptions = {}): void {
    if (isMainThread && options.allowMainThread !== true) {
      throw new SchedulerThreadError('Scheduler.waitForWork blocks the thread: call it from a worker thread (single-threaded callers handle idle tasks themselves)')
    }
    const words = this.words
    const spins = options.spinIterations ?? DEFAULT_SPIN_ITERATIONS
    for (let i = 0; i < spins; i++) {
      if (Atomics.load(words, WORK_EPOCH) !== epoch) return
    }
    Atomics.add(words, SLEEPERS, 1)
    Atomics.wait(words, WORK_EPOCH, epoch)
    Atomics.sub(words, SLEEPERS, 1)
  }

  /** Like waitForWork without blocking the event loop (Atomics.waitAsync); usable on any thread. */
  async waitForWorkAsync(epoch: number): Promise<void> {
    const words = this.words
    Atomics.add(words, SLEEPERS, 1)
    try {
      const result = Atomics.waitAsync(words, WORK_EPOCH, epoch)
      if (result.async) await result.value
    } finally {
      Atomics.sub(words, SLEEPERS, 1)
    }
  }

  /** nextTask, sleeping through `idle`. For worker threads; never returns `idle`. */
  nextTaskBlocking(options: WaitOptions = {}): WorkerTask {
    for (;;) {
      const task = this.nextTask()
      if (task.kind !== 'idle') return task
      if (options.idleWork?.() === true) continue
      this.waitForWork(task.epoch, options)
    }
  }

  /** nextTask, awaiting through `idle` without blocking the thread. */
  async nextTaskAsync(): Promise<WorkerTask> {
    for (;;) {
      const task = this.nextTask()
      if (task.kind !== 'idle') return task
      await this.waitForWorkAsync(task.epoch)
    }
  }

  /**
   * Stops the block for every worker (they get `halted` from nextTask), e.g.
   * after an MVMemoryFullError. Tasks in flight may still finish; their
   * results must be discarded. Idempotent; no effect once done.
   */
  halt(): void {
    if (Atomics.compareExchange(this.words, DONE_MARKER, RUNNING, HALTED) === RUNNING) this.bumpWorkEpoch()
  }

  // ------------------------------------------------------------------
  // Inspection (tests, diagnostics, reports).

  isDone(): boolean {
    return Atomics.load(this.words, DONE_MARKER) === DONE
  }

  isHalted(): boolean {
    return Atomics.load(this.words, DONE_MARKER) === HALTED
  }

  status(tx: number): TxStatusView {
    this.checkTx(tx)
    return describeStatusWord(Atomics.load(this.words, txBlockAt(tx) + STATUS))
  }

  incarnation(tx: number): Incarnation {
    return this.status(tx).incarnation
  }

  get executionIdx(): number {
    return Atomics.load(this.words, EXECUTION_IDX)
  }

  get validationIdx(): number {
    return Atomics.load(this.words, VALIDATION_IDX)
  }

  get numActiveTasks(): number {
    return Atomics.load(this.words, NUM_ACTIVE_TASKS)
  }

  get decreaseCount(): number {
    return Atomics.load(this.words, DECREASE_CNT)
  }

  get workEpoch(): number {
    return Atomics.load(this.words, WORK_EPOCH)
  }

  /** Whether some incarnation of `tx` has finished executing (never goes back to false within a block). */
  hasEverExecuted(tx: number): boolean {
    return (Atomics.load(this.words, txBlockAt(tx) + FLAGS) & EVER_EXECUTED) !== 0
  }

  /** The transactions waiting in `tx`'s dependency list (most recent first). */
  dependentsOf(tx: number): TxIndex[] {
    this.checkTx(tx)
    const block = txBlockAt(tx)
    const dependents: TxIndex[] = []
    acquireSpinLock(this.words, block + DEP_LOCK)
    for (let node = Atomics.load(this.words, block + DEP_HEAD); node !== 0; node = Atomics.load(this.words, txBlockAt(node - 1) + DEP_NEXT)) {
      dependents.push((node - 1) as TxIndex)
    }
    releaseSpinLock(this.words, block + DEP_LOCK)
    return dependents
  }

  stats(): SchedulerStats {
    const words = this.words
    return {
      executions: Atomics.load(words, STAT_EXECUTIONS),
      validations: Atomics.load(words, STAT_VALIDATIONS),
      validationAborts: Atomics.load(words, STAT_VALIDATION_ABORTS),
      dependencyAborts: Atomics.load(words, STAT_DEPENDENCY_ABORTS),
      startDependencyWaits: Atomics.load(words, STAT_START_WAITS),
    }
  }

  // ------------------------------------------------------------------
  // Private machinery.

  /**
   * Under blockingTx's DEP_LOCK: if the blocker's condition is not met, move
   * `tx` from EXECUTING to ABORTING and link it into the blocker's list.
   * The condition is read under the lock, and finishExecution publishes it
   * (status / EVER_EXECUTED) before taking the same lock to swap the list:
   * so either we see it met, or finishExecution sees our insertion. No lost
   * dependency.
   */
  private addDependencyOf(tx: number, blockingTx: number, kind: DependencyKind): boolean {
    if (!(blockingTx < tx) || blockingTx < 0 || tx >= this.txCount) {
      throw new SchedulerInvariantError(`addDependency(${tx}, ${blockingTx}): a transaction can only wait for a lower one in the block`)
    }
    const words = this.words
    const blocker = txBlockAt(blockingTx)
    const block = txBlockAt(tx)
    acquireSpinLock(words, blocker + DEP_LOCK)
    const met =
      kind === DependencyKind.Read
        ? statusOf(Atomics.load(words, blocker + STATUS)) === TxStatus.Executed
        : (Atomics.load(words, blocker + FLAGS) & EVER_EXECUTED) !== 0
    if (met) {
      releaseSpinLock(words, blocker + DEP_LOCK)
      return false
    }
    const word = Atomics.load(words, block + STATUS)
    if (statusOf(word) !== TxStatus.Executing ||
      Atomics.compareExchange(words, block + STATUS, word, packStatus(incarnationOf(word), TxStatus.Aborting)) !== word) {
      releaseSpinLock(words, blocker + DEP_LOCK)
      throw new SchedulerInvariantError(`addDependency(${tx}, ${blockingTx}): ${tx} is ${this.describe(tx)}, expected EXECUTING`)
    }
    // Intrusive push: tx is ABORTING, so it is in no other list (see the prose above).
    Atomics.store(words, block + DEP_NEXT, Atomics.load(words, blocker + DEP_HEAD))
    Atomics.store(words, blocker + DEP_HEAD, tx + 1)
    releaseSpinLock(words, blocker + DEP_LOCK)
    Atomics.sub(words, NUM_ACTIVE_TASKS, 1)
    return true
  }

  /**
   * For every transaction in the swapped-out list: READY_TO_EXECUTE with the
   * next incarnation, then execution_idx lowered to the lowest of them so that
   * they are picked up again.
   */
  private resumeDependencies(listHead: number, { leaveOneToCaller }: { readonly leaveOneToCaller: boolean }): void {
    let lowest = Number.POSITIVE_INFINITY
    let resumed = 0
    for (let node = listHead; node !== 0; resumed++) {
      const dependent = node - 1
      // Read the link before the transaction becomes ready: from then on it
      // may be re-incarnated and start waiting elsewhere, reusing DEP_NEXT.
      node = Atomics.load(this.words, txBlockAt(dependent) + DEP_NEXT)
      this.setReadyStatus(dependent)
      if (dependent < lowest) lowest = dependent
    }
    // finishExecution's own list: one resumed transaction is not announced to
    // idle workers, its caller asks for the next task right after and takes
    // it. (The distrust release announces every list: it resumes many
    // transactions, one list at a time.) Announcing it made an idle worker
    // grab it, so a chain of one sender's transactions (exchange payouts:
    // 1,408 of 1,414 on block 13,287,210) ping-ponged between the threads,
    // each hand-off a futex wake (at 2 workers, waitForWork and this wake-up
    // took ~30% of each worker's profile there, and 2 workers ran the block
    // slower than 1). Liveness holds: the caller itself comes back for it.
    if (lowest !== Number.POSITIVE_INFINITY) this.decreaseExecutionIdx(lowest, !leaveOneToCaller || resumed > 1)
  }

  /**
   * Called right after winning EXECUTING for `tx`. Walks tx's start
   * dependencies; drops the ones met; parks tx on the first one not met.
   * Only the owner of EXECUTING(tx) moves START_HEAD, so no lock is needed.
   */
  private parkOnStartDependency(tx: number): boolean {
    const words = this.words
    const headAt = txBlockAt(tx) + START_HEAD
    const trust = this.trust
    for (let node = Atomics.load(words, headAt); node !== 0; ) {
      if (trust?.isDistrusted() === true) {
        // Hints are failing: drop the rest unchecked (a skipped wait costs nothing but a possible re-execution).
        Atomics.store(words, headAt, 0)
        return false
      }
      const at = this.startNodeAt(node)
      const blocker = words[at + BLOCKER]!
      if ((Atomics.load(words, txBlockAt(blocker) + FLAGS) & EVER_EXECUTED) === 0) {
        // Noted before parking: once parked, tx may be resumed and recorded (and judged) by another worker.
        trust?.noteStartWait(tx, blocker)
        if (this.addDependencyOf(tx, blocker, DependencyKind.Start)) {
          Atomics.add(words, STAT_START_WAITS, 1)
          return true
        }
        trust?.noteStartWait(tx, undefined)
      }
      node = words[at + NEXT]!
      Atomics.store(words, headAt, node)
    }
    return false
  }

  /**
   * Hints were just distrusted: transactions parked on start dependencies
   * (possibly the whole block, parked in a chain) must not wait for them any
   * longer. Every dependency list is swapped out under its lock and resumed,
   * as finishExecution does for its own: whoever swaps a list out owns its
   * ABORTING transactions, so each is resumed exactly once. A transaction that
   * was waiting on a real ESTIMATE just runs again and waits again.
   */
  private releaseAllWaiting(): void {
    for (let tx = 0; tx < this.txCount; tx++) {
      const block = txBlockAt(tx)
      if (Atomics.load(this.words, block + DEP_HEAD) === 0) continue
      acquireSpinLock(this.words, block + DEP_LOCK)
      const waiting = Atomics.load(this.words, block + DEP_HEAD)
      Atomics.store(this.words, block + DEP_HEAD, 0)
      releaseSpinLock(this.words, block + DEP_LOCK)
      this.resumeDependencies(waiting, { leaveOneToCaller: false })
    }
  }

  /**
   * fetch_and_increment(index), except that the transactions from the index
   * up to the first one in status `wanted` are passed over in one step: they
   * have nothing to hand out now (the paper's next_version_* would return ⊥
   * for each, one call and three contended atomics at a time). Without this,
   * a block whose transactions wait in a long chain (one sender's nonces)
   * walks both indices over the whole waiting tail after every link of the
   * chain: quadratic, and measured as a third of such a block's time.
   *
   * Invariant kept (the indices' contract): a transaction passed over that
   * reaches `wanted` after we looked is still handed out. It got there by
   * setReadyStatus / finishExecution, which then lowers the index to it or
   * finds the index not above it (and relies on the index reaching it). So
   * after moving the index we look at the passed-over statuses again; any
   * that reached `wanted` meanwhile gets the index lowered back to it. One
   * that reaches it after that second look sees the index above it and
   * lowers it itself.
   */
  private takeIndex(at: number, wanted: TxStatus): number {
    const words = this.words
    const count = this.txCount
    for (;;) {
      const from = Atomics.load(words, at)
      // The validation index passes over nothing at or above the execution
      // index: those transactions are mostly not executed yet, and walking to
      // the end of the block every time validation meets an executing
      // transaction made each such call O(block size) (a quarter of the
      // workers' time on a 10,000-transfer block). Stopping short hands out
      // nothing this time (`count`); the index rests at the execution index.
      const limit = at === VALIDATION_IDX ? Math.min(count, Math.max(from, Atomics.load(words, EXECUTION_IDX))) : count
      let to = from
      while (to < limit && statusOf(Atomics.load(words, txBlockAt(to) + STATUS)) !== wanted) to++
      const next = to < limit ? to + 1 : limit
      if (Atomics.compareExchange(words, at, from, next) !== from) continue
      for (let passed = from; passed < to; passed++) {
        if (statusOf(Atomics.load(words, txBlockAt(passed) + STATUS)) === wanted) {
          if (at === EXECUTION_IDX) this.decreaseExecutionIdx(passed)
          else this.decreaseValidationIdx(passed)
          break
        }
      }
      return to < limit ? to : count
    }
  }

  /** min() with a compareExchange loop (Atomics has no min). Returns whether the word went down. */
  private lowerIndex(at: number, target: number): boolean {
    const words = this.words
    for (;;) {
      const current = Atomics.load(words, at)
      if (current <= target) return false
      if (Atomics.compareExchange(words, at, current, target) === current) return true
    }
  }

  private bumpWorkEpoch(): void {
    Atomics.add(this.words, WORK_EPOCH, 1)
    if (Atomics.load(this.words, SLEEPERS) > 0) Atomics.notify(this.words, WORK_EPOCH)
  }

  private startNodeAt(node: number): number {
    return this.startPool + (node - 1) * START_NODE_WORDS
  }

  private checkTx(tx: number): void {
    if (!Number.isInteger(tx) || tx < 0 || tx >= this.txCount) {
      throw new RangeError(`transaction index ${tx} outside the block of ${this.txCount}`)
    }
  }

  private describe(tx: number): string {
    const view = describeStatusWord(Atomics.load(this.words, txBlockAt(tx) + STATUS))
    return `${TX_STATUS_NAMES[view.status]}(${view.incarnation})`
  }
}
