/**
 * One worker's engine in this thread, driven incarnation by incarnation: the
 * test decides which transactions execute, in which order, which writes
 * become ESTIMATEs, and from which read checkpoint a re-execution resumes.
 * Every run goes through the same pieces a worker uses (VersionedState over
 * a MVMemory and the block's base state, the worker's EVMs with their
 * checkpoint hooks), with runTx reporting its access list so that warm
 * addresses and slots are observable.
 */
import { runTx } from '@ethereumjs/vm'
import { bytesToHex } from '@ethereumjs/util'

import type { BlockInput } from '../../executor/blockInput.js'
import { journalOfVm } from '../../executor/blockRules/blockJournal.js'
import { applyBlockStart } from '../../executor/blockRules/blockRules.js'
import { type CheckpointPolicy, EVERY_READ } from '../../executor/checkpoints/checkpointPolicy.js'
import { CheckpointSession, type ReadCheckpoint } from '../../executor/checkpoints/checkpointSession.js'
import { installCheckpointHooks } from '../../executor/checkpoints/interpreterHooks.js'
import { blockHashLookup } from '../../executor/evm/blockHashes.js'
import { installJumpDestinationCache } from '../../executor/evm/jumpDestinationCache.js'
import { type BaseState, baseStateOf } from '../../executor/parallel/baseState.js'
import { LazyBlock } from '../../executor/parallel/lazyBlock.js'
import { BlockedRead, SequentialFallback } from '../../executor/parallel/signals.js'
import { VersionedState } from '../../executor/parallel/versionedState.js'
import { WorkerVms, forgetCutShortTransaction } from '../../executor/parallel/workerVms.js'
import { OverlayState } from '../../executor/state/overlayState.js'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { createExecutionVm } from '../../src/chain/crypto/bn254.js'
import { addressChars } from '../../src/shared/locations.js'
import type { TxVersion } from '../../src/shared/types.js'

/** Everything observable about one incarnation, in comparable form. */
export type Observation =
  | {
      readonly kind: 'completed'
      readonly totalGasSpent: string
      readonly executionGasUsed: string
      readonly gasRefund: string
      readonly error: string | undefined
      readonly returnValue: string
      readonly logs: string
      readonly accessList: string
      readonly createdAddress: string | undefined
      readonly reads: number[]
      readonly writes: string
    }
  | { readonly kind: 'blocked'; readonly on: number }
  | { readonly kind: 'invalid'; readonly error: string; readonly reads: number[] }
  | { readonly kind: 'fallback'; readonly reason: string }

export type Start = { readonly from: 'scratch' } | { readonly from: 'checkpoint'; readonly checkpoint: ReadCheckpoint }

export class IncarnationHarness {
  private readonly incarnations = new Map<number, number>()

  private constructor(
    /** The pre-block state after the block-start system calls. */
    readonly base: BaseState,
    readonly block: LazyBlock,
    readonly mv: MVMemory,
    readonly view: VersionedState,
    readonly session: CheckpointSession,
    private readonly vms: WorkerVms,
  ) {}

  static async create(input: BlockInput): Promise<IncarnationHarness> {
    await installJumpDestinationCache()
    await installCheckpointHooks()
    // The block-start system calls' writes are part of the base state, as in executeParallel.
    const state = new OverlayState(input.preState)
    const blockStart = await createExecutionVm({ common: input.parsed.block.common, stateManager: state, blockchain: blockHashLookup(input.blockHashes) as never })
    await blockStart.evm.journal.checkpoint()
    await applyBlockStart(journalOfVm(blockStart), input.parsed)
    const base = baseStateOf(input.preState).withOverrides(state.changedAccounts())

    const block = new LazyBlock(input.rpcBlock!)
    const txCount = input.parsed.block.transactions.length
    const mv = MVMemory.create({ txCount })
    const view = new VersionedState(mv, base)
    view.beneficiary = addressChars(block.block.header.coinbase.bytes)
    const session = new CheckpointSession(view)
    session.attachBlock(mv, EVERY_READ, new Int32Array(txCount))
    const vms = new WorkerVms(view, new Map(input.blockHashes), session)
    return new IncarnationHarness(base, block, mv, view, session, vms)
  }

  get txCount(): number {
    return this.block.block.transactions.length
  }

  /**
   * Runs the next incarnation of `tx` from scratch or from a checkpoint,
   * taking checkpoints (by `capture`, or none) and recording a completed
   * incarnation in the multi-version memory when `record`.
   */
  async execute(tx: number, options: { start: Start; capture: CheckpointPolicy | undefined; record: boolean }): Promise<Observation> {
    const incarnation = this.incarnations.get(tx) ?? 0
    this.incarnations.set(tx, incarnation + 1)
    const version = { tx, incarnation } as TxVersion
    const view = this.view
    view.begin(tx)
    this.session.setPolicy(options.capture)
    if (options.start.from === 'checkpoint') this.session.beginResumedIncarnation(tx, options.start.checkpoint)
    else this.session.beginIncarnation(tx, false)
    const vm = await this.vms.forCommon(this.block.block.common)
    let result: Awaited<ReturnType<typeof runTx>> | undefined
    let failure: unknown
    try {
      result = await runTx(vm, { tx: this.block.tx(tx), block: this.block.block, blockGasUsed: 0n, reportAccessList: true })
    } catch (error) {
      failure = error
    }
    const signal = view.signal ?? (failure instanceof BlockedRead || failure instanceof SequentialFallback ? failure : undefined)
    if (signal instanceof BlockedRead) {
      forgetCutShortTransaction(vm)
      return { kind: 'blocked', on: signal.on }
    }
    if (signal !== undefined) {
      forgetCutShortTransaction(vm)
      // (A StaleRead cannot come: this view's stopWhenStale stays off.)
      return { kind: 'fallback', reason: signal instanceof SequentialFallback ? signal.reason : signal.message }
    }
    if (failure !== undefined) {
      forgetCutShortTransaction(vm)
      view.writeSet.clear()
      if (options.record) this.mv.record(version, view.readSet, view.writeSet)
      return { kind: 'invalid', error: (failure as Error).message, reads: [...view.readSet.recordWords()] }
    }
    const writeSet = view.collectWrites()
    const observation: Observation = {
      kind: 'completed',
      totalGasSpent: result!.totalGasSpent.toString(),
      executionGasUsed: result!.execResult.executionGasUsed.toString(),
      gasRefund: String(result!.execResult.gasRefund ?? 0n),
      error: result!.execResult.exceptionError?.error,
      returnValue: bytesToHex(result!.execResult.returnValue),
      logs: JSON.stringify(result!.receipt.logs.map(([address, topics, data]) => [bytesToHex(address), topics.map(bytesToHex), bytesToHex(data)])),
      accessList: JSON.stringify(result!.accessList ?? null),
      createdAddress: result!.createdAddress?.toString(),
      reads: [...view.readSet.recordWords()],
      writes: describeWrites(writeSet),
    }
    if (options.record) this.mv.record(version, view.readSet, writeSet)
    return observation
  }
}

function describeWrites(writes: VersionedState['writeSet']): string {
  const limbs = writes.limbWords()
  const lines: string[] = []
  for (let i = 0; i < writes.size; i++) {
    const code = writes.codeAt(i)
    lines.push(`${writes.keyAt(i)}|${writes.kindAt(i)}|${[...limbs.subarray(i * 8, i * 8 + 8)].join(',')}|${code === null ? '' : bytesToHex(code)}`)
  }
  return lines.sort().join('\n')
}
