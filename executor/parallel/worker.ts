/**
 * A piscina worker thread: for each block, attaches to the shared scheduler,
 * multi-version memory and base state, and runs the Block-STM worker loop
 * (take a task, execute or validate, report) until the block is done. No
 * message is exchanged per read or per task: only one message in and one
 * out per block.
 */

import { MVMemory } from '../../scheduler/mvmemory.js'
import { Scheduler } from '../../scheduler/scheduler.js'
import { type AsyncTxRunner, runWorkerAsync } from '../../scheduler/workerLoop.js'
import { addressChars } from '../../src/shared/locations.js'
import { installJumpDestinationCache } from '../evm/jumpDestinationCache.js'
import { installSenderAddressCache } from '../evm/senderAddressCache.js'
import { CheckpointSession } from '../checkpoints/checkpointSession.js'
import { installCheckpointHooks } from '../checkpoints/interpreterHooks.js'
import { SharedCheckpoints } from '../checkpoints/sharedCheckpoints.js'
import { BaseState } from './baseState.js'
import { LazyBlock } from './lazyBlock.js'
import { BlockGasSpent, hashReceiptLeaves } from './receiptLeaves.js'
import { SharedSenderKeys, recoverAndPublish } from './sharedSenderKeys.js'
import { SequentialFallback } from './signals.js'
import { TxRunner } from './txRunner.js'
import { VersionedState } from './versionedState.js'
import { WorkerVms } from './workerVms.js'
import type { SenderRecoveryTask, WorkerReport, WorkerTask } from './workerTask.js'

const parsedBlocks = new Map<number, LazyBlock>()

/** This worker's view, EVMs and checkpoint session, kept across blocks (see WorkerVms). */
let warm: { view: VersionedState; vms: WorkerVms; checkpoints: CheckpointSession } | undefined

function warmUp(mv: MVMemory, base: BaseState): { view: VersionedState; vms: WorkerVms; checkpoints: CheckpointSession } {
  const view = new VersionedState(mv, base)
  const checkpoints = new CheckpointSession(view)
  return { view, vms: new WorkerVms(view, new Map(), checkpoints), checkpoints }
}

export default async function runBlockInWorker(task: WorkerTask): Promise<WorkerReport> {
  const started = performance.now()
  await installJumpDestinationCache()
  installSenderAddressCache()
  const block = blockFor(task)
  const scheduler = Scheduler.attach(task.scheduler)
  const mv = MVMemory.attach(task.mv)
  const base = BaseState.attach(task.base)
  const { view, vms, checkpoints } = (warm ??= warmUp(mv, base))
  view.attachBlock(mv, base, task.faults, scheduler)
  if (task.checkpoints !== undefined) await installCheckpointHooks()
  const sharedCheckpoints = task.sharedCheckpoints === undefined ? undefined : SharedCheckpoints.attach(task.sharedCheckpoints, base)
  checkpoints.attachBlock(mv, task.checkpoints, new Int32Array(task.startedExecutions, 4 * block.block.transactions.length), sharedCheckpoints, scheduler)
  view.beneficiary = addressChars(block.block.header.coinbase.bytes)
  vms.blockHashes.clear()
  for (const [number, hash] of task.blockHashes) vms.blockHashes.set(number, hash)
  const gasSpent = BlockGasSpent.attach(task.blockGasSpent)
  const runner = new TxRunner(block, view, vms, SharedSenderKeys.attach(task.senderKeys), gasSpent, checkpoints)
  const setupMs = performance.now() - started
  let busyMs = 0
  let reExecutionMs = 0
  const startedExecutions = new Int32Array(task.startedExecutions)
  let executionCount = 0
  const delays = task.delaysUs
  const timed: AsyncTxRunner = {
    async execute(version) {
      const begin = performance.now()
      if (delays !== undefined && delays.length > 0) busyWait(delays[executionCount++ % delays.length]!)
      if (task.faults?.throwAtTx === version.tx) throw new Error(`injected fault at transaction ${version.tx}`)
      if (task.faults?.hangAtTx === version.tx) for (;;) busyWait(1000)
      // Not every incarnation > 0 is a re-execution: one parked on a start dependency never ran.
      const reExecution = Atomics.exchange(startedExecutions, version.tx, 1) === 1
      const result = await runner.execute(version, reExecution)
      const spent = performance.now() - begin
      busyMs += spent
      if (reExecution) reExecutionMs += spent
      return result
    },
  }
  try {
    // A worker thread: idle waits block (see runWorkerAsync), after recovering senders ahead.
    const report = await runWorkerAsync(scheduler, mv, timed, { idleWork: () => runner.recoverNextSenderWhileIdle() })
    const receiptLeaves =
      report.outcome === 'done'
        ? hashReceiptLeaves(runner.outputs, (tx) => scheduler.incarnation(tx), (tx) => block.tx(tx).type, gasSpent, block.block.header.gasLimit)
        : undefined
    return {
      kind: 'done',
      outputs: [...runner.outputs.values()],
      executions: report.executions,
      validations: report.validations,
      busyMs,
      reExecutionMs,
      checkpoints: checkpoints.stats,
      setupMs,
      senderRecoveries: runner.senderRecoveries,
      staleRestarts: runner.staleRestarts,
      wallMs: performance.now() - started,
      receiptLeaves,
    }
  } catch (error) {
    if (error instanceof SequentialFallback) return { kind: 'fallback', reason: error.reason }
    throw error
  }
}

/**
 * A sender-recovery task (poolSenderRecovery.ts): claim transactions from the
 * shared cursor, recover each sender's key and publish it, until none is left.
 */
export async function recoverSendersInWorker(task: SenderRecoveryTask): Promise<void> {
  installSenderAddressCache()
  const block = blockFor(task)
  const keys = SharedSenderKeys.attach(task.senderKeys)
  for (let index = keys.claimNext(); index !== undefined; index = keys.claimNext()) recoverAndPublish(block.tx(index), keys, index)
}

function blockFor(task: Pick<WorkerTask, 'blockId' | 'blockText'>): LazyBlock {
  let block = parsedBlocks.get(task.blockId)
  if (block === undefined) {
    block = new LazyBlock(JSON.parse(new TextDecoder().decode(new Uint8Array(task.blockText))))
    parsedBlocks.clear() // keep one block: the pool runs one block at a time
    parsedBlocks.set(task.blockId, block)
  }
  return block
}

function busyWait(microseconds: number): void {
  const until = performance.now() + microseconds / 1000
  while (performance.now() < until);
}
