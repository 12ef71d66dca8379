/**
 * Executes one incarnation of one transaction in a worker: ethereumjs's
 * `runTx` over the worker's `VersionedState`, returning what the Block-STM
 * loop needs (read set and write set, or the transaction it is blocked on)
 * and keeping the transaction's output (receipt, gas, error) for the end of
 * the block. The EVMs (and their lazy-credit hooks) are in workerVms.ts.
 */
import { runTx } from '@ethereumjs/vm'

import type { ExecutionResult } from '../../scheduler/workerLoop.js'
import type { TxVersion } from '../../src/shared/types.js'
import { isAbortingError } from '../blockExecution.js'
import type { CheckpointSession } from '../checkpoints/checkpointSession.js'
import { receiptFields, receiptParts } from '../receiptParts.js'
import { type RecoveredSender, recoverSender } from '../senders.js'
import type { LazyBlock } from './lazyBlock.js'
import type { BlockGasSpent } from './receiptLeaves.js'
import { type SharedSenderKeys, recoverAndPublish } from './sharedSenderKeys.js'
import { BlockedRead, SequentialFallback, StaleRead } from './signals.js'
import type { TxOutput } from './txOutput.js'
import type { VersionedState } from './versionedState.js'
import { type WorkerVms, forgetCutShortTransaction } from './workerVms.js'

/**
 * How often one execution may be stopped at a stale read and restarted. Each
 * restart follows a lower transaction's new record, so restarts cannot go on
 * forever; the bound only keeps a long chain of them from costing more than
 * running to the end and letting validation decide.
 */
const MAX_STALE_RESTARTS = 3

export class TxRunner {
  /** The latest output of each transaction this worker executed, by transaction index. */
  readonly outputs = new Map<number, TxOutput>()
  private readonly senderChecked = new Map<number, string | undefined>()
  /** Sender recoveries by this worker: while idle, inside an execution, and keys taken from another worker. */
  readonly senderRecoveries = { whileIdle: 0, inExecution: 0, shared: 0 }
  /** Executions stopped at a stale read and run again at once (see VersionedState.stopWhenStale). */
  staleRestarts = 0
  /**
   * Restarts of the execution in progress: the worker loop calls execute again
   * for the same version right after a 'stale' result, so a count that any
   * other result resets is that execution's. Past MAX_STALE_RESTARTS it runs to its end.
   */
  private restartsInARow = 0

  constructor(
    private readonly block: LazyBlock,
    private readonly view: VersionedState,
    private readonly vms: WorkerVms,
    private readonly senderKeys: SharedSenderKeys,
    private readonly gasSpent: BlockGasSpent,
    private readonly checkpoints?: CheckpointSession,
  ) {}

  /** `reExecution`: an execution of this transaction already started (here or on another worker). */
  async execute(version: TxVersion, reExecution = version.incarnation > 0): Promise<ExecutionResult> {
    const { tx: index, incarnation } = version
    const tx = this.block.tx(index)
    const view = this.view
    view.begin(index)
    const restarts = this.restartsInARow
    this.restartsInARow = 0
    view.stopWhenStale = this.checkpoints?.enabled !== true && restarts < MAX_STALE_RESTARTS
    const vm = await this.vms.forCommon(this.block.block.common)
    let output: TxOutput
    const senderError = this.checkSender(index)
    if (senderError !== undefined) {
      output = { tx: index, incarnation, kind: 'invalid', error: senderError }
    } else {
      let result: Awaited<ReturnType<typeof runTx>> | undefined
      let failure: unknown
      this.checkpoints?.beginIncarnation(index, reExecution)
      try {
        result = await runTx(vm, { tx, block: this.block.block, blockGasUsed: 0n })
      } catch (error) {
        failure = error
      }
      // A signal counts even when ethereumjs swallowed it (see VersionedState.signal).
      const signal = view.signal ?? (failure instanceof BlockedRead || failure instanceof SequentialFallback ? failure : undefined)
      this.checkpoints?.endIncarnation(signal instanceof BlockedRead)
      if (signal instanceof BlockedRead) {
        forgetCutShortTransaction(vm)
        return { kind: 'blocked', on: signal.on as never }
      }
      if (signal instanceof StaleRead) {
        forgetCutShortTransaction(vm)
        this.restartsInARow = restarts + 1
        this.staleRestarts++
        return { kind: 'stale' }
      }
      if (signal !== undefined) throw signal
      if (failure !== undefined) {
        if (isAbortingError(failure) || !(failure instanceof Error)) throw failure
        // An invalid transaction (nonce, balance, gas…): no writes, but its reads still count.
        forgetCutShortTransaction(vm)
        view.writeSet.clear()
        output = { tx: index, incarnation, kind: 'invalid', error: failure.message }
        this.outputs.set(index, output)
        this.gasSpent.invalid(index)
        return { kind: 'completed', readSet: view.readSet, writeSet: view.writeSet }
      }
      output = {
        tx: index,
        incarnation,
        kind: 'executed',
        gasUsed: result!.totalGasSpent,
        blockGasSpent: result!.blockGasSpent,
        status: result!.execResult.exceptionError === undefined ? 'success' : 'reverted',
        receipt: receiptFields(result!.receipt),
        receiptParts: receiptParts(result!.receipt),
        createdAddress: result!.createdAddress?.toString(),
      }
    }
    const writeSet = output.kind === 'executed' ? view.collectWrites() : view.writeSet
    this.outputs.set(index, output)
    if (output.kind === 'executed') this.gasSpent.executed(index, output.blockGasSpent)
    else this.gasSpent.invalid(index)
    return { kind: 'completed', readSet: view.readSet, writeSet }
  }

  /**
   * Sender recovery, once per transaction per worker (it is pure), using the
   * key another worker published when there is one (see SharedSenderKeys).
   */
  private checkSender(index: number): string | undefined {
    if (!this.senderChecked.has(index)) {
      const tx = this.block.tx(index)
      const claimed = this.senderKeys.claim(index)
      const published = claimed ? undefined : this.senderKeys.awaitPublished(index)
      let sender: RecoveredSender
      if (published?.kind === 'key') {
        tx.cache.senderPubKey = published.key
        sender = recoverSender(tx, 'precomputed')
        this.senderRecoveries.shared++
      } else {
        sender = this.recoverAndPublish(index, claimed) // an invalid signature: recover again for ethereumjs's error message
        this.senderRecoveries.inExecution++
      }
      this.senderChecked.set(index, sender.kind === 'invalid' ? sender.error : undefined)
    }
    return this.senderChecked.get(index)
  }

  /** Idle work (Scheduler WaitOptions.idleWork): recovers the next unclaimed sender; false when none is left. */
  recoverNextSenderWhileIdle(): boolean {
    const index = this.senderKeys.claimNext()
    if (index === undefined) return false
    this.recoverAndPublish(index, true)
    this.senderRecoveries.whileIdle++
    return true
  }

  private recoverAndPublish(index: number, claimed: boolean): RecoveredSender {
    const tx = this.block.tx(index)
    return claimed ? recoverAndPublish(tx, this.senderKeys, index) : recoverSender(tx, 'recover')
  }
}
