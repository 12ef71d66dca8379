/**
 * A worker's read checkpoints: taking them while a transaction executes,
 * keeping them per transaction for the rest of the block, and resuming a
 * re-execution from the latest one that is still valid.
 *
 * Validity. A checkpoint holds the execution's complete state after its
 * first r reads (the frame, the EVM's transaction state, the view's writes
 * and the r reads with their origins). If each of those r reads would still
 * return the same origin now (MVMemory.firstStaleRead), running the
 * transaction again would reach the same instruction in the same state:
 * execution is a deterministic function of the values read. So the new
 * incarnation may start there, with those r reads as the start of its read
 * set — exactly what a full re-execution would have recorded. Should one of
 * them change afterwards, validation rejects the new incarnation as it would
 * reject a full re-execution (Block-STM's argument does not care how an
 * incarnation computed its reads, only that they are recorded).
 *
 * Resuming. runTx runs again from the start up to the outermost frame (the
 * nonce and balance checks, the up-front payment, the value transfer: cheap),
 * then the frame is restored. That preamble is re-run rather than restored
 * because ethereumjs keeps its results in local variables; it must have made
 * the same reads as when the checkpoint was taken (checked word for word),
 * otherwise the frame starts from pc 0: a plain re-execution.
 */
import { threadId } from 'node:worker_threads'

import type { MVMemory } from '../../scheduler/mvmemory.js'
import type { SavedTransaction, VersionedState } from '../parallel/versionedState.js'
import { type CheckpointPolicy, DEFAULT_CHECKPOINT_POLICY } from './checkpointPolicy.js'
import { type CheckpointStats, emptyCheckpointStats } from './checkpointStats.js'
import { type FrameState, type InterpreterInternals, captureFrame, logBytes, restoreFrame } from './frameState.js'
import type { CheckpointHooks } from './interpreterHooks.js'
import { locationReadBy } from './readLocation.js'
import type { SharedCheckpoints } from './sharedCheckpoints.js'

export interface ReadCheckpoint {
  readonly frame: FrameState
  readonly transaction: SavedTransaction
  /** Read-set words recorded before the outermost frame started (runTx's preamble). */
  readonly preambleWords: number
  /** Gas the outermost frame had spent when the checkpoint was taken. */
  readonly gasDone: number
  /** Approximate bytes it holds. */
  readonly bytes: number
}

/** What a checkpoint copies now, in bytes: the frame's memory, and 64 a stack word or transaction-state entry. */
function copiedBytes(run: InterpreterInternals['_runState'], view: VersionedState): number {
  return Number(run.memoryWordCount) * 32 + 64 * (run.stack._len + view.transactionSize)
}

/** This thread in the holders words (0 there means "nobody"; the main thread's id is 0). */
const HOLDER_ID = threadId + 1

/** Checkpoints kept per transaction (the most advanced are kept when there are more). */
const KEPT_PER_TRANSACTION = 16

export class CheckpointSession implements CheckpointHooks {
  enabled = false
  stats: CheckpointStats = emptyCheckpointStats()
  private policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY
  private mv: MVMemory | undefined
  private readonly kept = new Map<number, ReadCheckpoint[]>()
  private keptBytes = 0
  private tx = -1
  private resumeFrom: ReadCheckpoint | undefined
  private preambleWords = 0
  private frameStartGas = 0n
  private lastCheckpointGasLeft = 0n
  private holders: Int32Array<ArrayBufferLike> = new Int32Array(0)
  private capturing = true
  /** Transactions below this were validated after their last execution (the scheduler's validation index). */
  private settledBelow: () => number = () => 0
  private shared: SharedCheckpoints | undefined
  /** This incarnation's two most advanced checkpoints, latest last (published when the incarnation ends). */
  private latest: ReadCheckpoint[] = []
  /** This incarnation is likely to be re-executed: a re-execution itself, or it read where a conflict was predicted. */
  private atRisk = false

  constructor(private readonly view: VersionedState) {}

  /**
   * A new block: its multi-version memory and the policy (checkpoints are off
   * without one); `holders` has a word per transaction naming the last
   * thread that took a checkpoint of it (for the statistics).
   */
  attachBlock(mv: MVMemory, policy: CheckpointPolicy | undefined, holders: Int32Array, shared?: SharedCheckpoints, scheduler?: { readonly validationIdx: number }): void {
    this.mv = mv
    this.shared = shared
    this.settledBelow = scheduler === undefined ? () => 0 : () => Math.min(scheduler.validationIdx, this.tx - this.policy.recentWriters)
    this.enabled = policy !== undefined
    this.policy = policy ?? DEFAULT_CHECKPOINT_POLICY
    this.holders = holders
    this.capturing = true
    this.kept.clear()
    this.keptBytes = 0
    this.stats = emptyCheckpointStats()
  }

  /** Before runTx: pick the checkpoint a re-execution resumes from, if any. */
  beginIncarnation(tx: number, reExecution: boolean): void {
    this.tx = tx
    this.resumeFrom = undefined
    this.latest = []
    this.atRisk = reExecution
    if (!this.enabled || !reExecution) return
    const others = this.shared?.othersOf(tx) ?? []
    const local = this.kept.get(tx)
    const checkpoints = others.length === 0 ? local : [...(local ?? []), ...others]
    this.resumeFrom = checkpoints === undefined ? undefined : this.latestValid(tx, checkpoints)
    if (this.resumeFrom !== undefined && others.includes(this.resumeFrom)) this.stats.usedFromOtherWorker++
    if (this.resumeFrom === undefined) {
      this.stats.fullRestarts++
      const holder = Atomics.load(this.holders, tx)
      if (holder === 0) this.stats.noneTaken++
      else if (holder !== HOLDER_ID) this.stats.elsewhere++
    }
  }

  /**
   * After runTx, whatever its outcome: publishes the incarnation's two most
   * advanced checkpoints for the other workers when they are worth the copy
   * and the incarnation is likely to run again (`blocked`: it stopped on an
   * ESTIMATE and certainly will).
   * Two, because the last one often sits right after the read that will be
   * invalidated (a counter's SLOAD, then the checkpoint before its SSTORE).
   */
  endIncarnation(blocked: boolean): void {
    const shared = this.shared
    const latest = this.latest
    this.latest = []
    // Publishing costs a serialization per checkpoint (~0.1–0.3 ms): only where a re-execution is likely.
    if (shared === undefined || !(this.atRisk || blocked)) return
    const { shareGas, gasPerCopiedByte, maxSharedBytes } = this.policy
    for (const checkpoint of latest) {
      const publishedBytes = checkpoint.bytes + logBytes(checkpoint.frame)
      if (checkpoint.gasDone < shareGas || checkpoint.gasDone < publishedBytes * gasPerCopiedByte || publishedBytes > maxSharedBytes) continue
      const bytes = shared.publish(this.tx, checkpoint)
      if (bytes > 0) {
        this.stats.shared++
        this.stats.sharedBytes += bytes
      }
    }
  }

  /** Checkpoints of `tx` kept by this worker whose reads are all still current (any of them is a valid resume point). */
  validCheckpoints(tx: number): ReadCheckpoint[] {
    return (this.kept.get(tx) ?? []).filter((checkpoint) => this.isValid(tx, checkpoint))
  }

  /** Like beginIncarnation, resuming from this checkpoint (equivalence tests resume from each valid one). */
  beginResumedIncarnation(tx: number, checkpoint: ReadCheckpoint): void {
    this.tx = tx
    this.resumeFrom = checkpoint
  }

  /** Test use: take checkpoints by this policy from now on, or none (keeps what was taken). */
  setPolicy(policy: CheckpointPolicy | undefined): void {
    this.capturing = policy !== undefined
    if (policy !== undefined) this.policy = policy
  }

  enterOutermostFrame(interpreter: InterpreterInternals): number | undefined {
    const readSet = this.view.readSet
    this.preambleWords = readSet.wordCount
    this.frameStartGas = interpreter._runState.gasLeft
    this.lastCheckpointGasLeft = this.frameStartGas
    const checkpoint = this.resumeFrom
    this.resumeFrom = undefined
    if (checkpoint === undefined) return undefined
    const preamble = checkpoint.transaction.reads.words.subarray(0, checkpoint.preambleWords)
    if (checkpoint.preambleWords !== this.preambleWords || !readSet.startsWith(preamble)) {
      this.stats.preambleChanged++
      this.stats.fullRestarts++
      return undefined
    }
    this.view.restoreTransaction(checkpoint.transaction)
    restoreFrame(interpreter, checkpoint.frame)
    // The frame's account object is re-read from the restored view, as the interpreter does after every call.
    interpreter._env.contract = this.view.accountNow(interpreter._env.address.bytes)
    this.lastCheckpointGasLeft = checkpoint.frame.gasLeft
    this.stats.used++
    this.stats.gasSkipped += checkpoint.gasDone
    return checkpoint.frame.pc
  }

  beforeRead(interpreter: InterpreterInternals): void {
    if (!this.capturing || this.view.signal !== undefined) return
    const run = interpreter._runState
    const policy = this.policy
    const sinceLast = Number(this.lastCheckpointGasLeft - run.gasLeft)
    if (sinceLast < policy.minimumGas) return
    const bytes = copiedBytes(run, this.view)
    const copyGas = bytes * policy.gasPerCopiedByte
    if (sinceLast < copyGas / 4) return
    const location = locationReadBy(run, interpreter._env.address.bytes)
    const predicted = location !== undefined && this.mv!.mayConflictBelow(location, this.tx, this.settledBelow())
    if (predicted) this.atRisk = true
    else if (sinceLast < policy.everyGas || sinceLast < copyGas) return
    const frame = captureFrame(interpreter)
    const transaction = this.view.saveTransaction()
    const checkpoint: ReadCheckpoint = { frame, transaction, preambleWords: this.preambleWords, gasDone: Number(this.frameStartGas - run.gasLeft), bytes }
    this.keep(checkpoint)
    this.latest.push(checkpoint)
    if (this.latest.length > 2) this.latest.shift()
    this.lastCheckpointGasLeft = run.gasLeft
    Atomics.store(this.holders, this.tx, HOLDER_ID)
    this.stats.taken++
    this.stats.bytes += bytes
  }

  private keep(checkpoint: ReadCheckpoint): void {
    let checkpoints = this.kept.get(this.tx)
    if (checkpoints === undefined) {
      checkpoints = []
      this.kept.set(this.tx, checkpoints)
    }
    checkpoints.push(checkpoint)
    this.keptBytes += checkpoint.bytes
    if (checkpoints.length > KEPT_PER_TRANSACTION) {
      checkpoints.sort((a, b) => b.gasDone - a.gasDone)
      for (const dropped of checkpoints.splice(KEPT_PER_TRANSACTION)) this.keptBytes -= dropped.bytes
    }
    // Over budget: drop whole transactions' checkpoints, oldest first (but never this one's).
    for (const [tx, list] of this.kept) {
      if (this.keptBytes <= this.policy.maxBytesPerWorker) break
      if (tx === this.tx) continue
      this.kept.delete(tx)
      for (const dropped of list) this.keptBytes -= dropped.bytes
      this.stats.dropped += list.length
    }
  }

  /** The most advanced checkpoint whose reads are all still current (see the file comment). */
  private latestValid(tx: number, checkpoints: ReadCheckpoint[]): ReadCheckpoint | undefined {
    const byProgress = [...checkpoints].sort((a, b) => b.gasDone - a.gasDone)
    return byProgress.find((checkpoint) => this.isValid(tx, checkpoint))
  }

  private isValid(tx: number, checkpoint: ReadCheckpoint): boolean {
    const words = checkpoint.transaction.reads.words
    return this.mv!.firstStaleRead(tx, words) === words.length
  }
}
