/**
 * Sender recovery on the worker pool, pipelined with a sequential execution
 * on this thread, for a block that runs on the sequential reference anyway
 * (src/engineChoice.ts: one sender's chain of transactions, which Block-STM
 * would run one after another).
 *
 * Recovering a sender (libsecp256k1) costs about as much as executing a
 * plain transfer, so on such a block it is the only work there is to share.
 * The workers claim transactions from a shared cursor and publish their keys
 * (sharedSenderKeys.ts) while the reference executes in order: for each
 * transaction it takes the published key, or claims the transaction and
 * recovers it itself when the workers have not reached it, or waits for the
 * worker that is recovering it (tens of µs; past a deadline it recovers
 * itself, so a dead worker cannot hang the block). An invalid signature is
 * recovered again here, for ethereumjs's own error. Nothing is lost if the
 * workers fail: the reference recovers whatever they did not.
 */
import type { BlockInput } from '../blockInput.js'
import { type RecoveredSender, recoverSender } from '../senders.js'
import { blockIdentity } from './blockIdentity.js'
import { SharedSenderKeys } from './sharedSenderKeys.js'
import { workerPool } from './workerPool.js'
import type { SenderRecoveryTask } from './workerTask.js'

/** How long this thread waits for a worker that claimed a transaction before recovering it itself. */
const CLAIM_WAIT_MS = 1_000

export interface PipelinedSenders {
  /** The sender of transaction `index` (call in order or not; each once or more). */
  readonly senderOf: (index: number) => RecoveredSender
  /** Once the execution is done: waits for the workers; how many keys of theirs the execution used, and why it used fewer (a failure). */
  readonly finish: () => Promise<{ readonly recoveredOnWorkers: number; readonly failure: string | undefined }>
}

export function pipelinedSenders(input: BlockInput, workers: number): PipelinedSenders {
  const txs = input.parsed.block.transactions
  const keys = SharedSenderKeys.create(txs.length)
  const { id, text } = blockIdentity(input)
  const task: SenderRecoveryTask = { blockId: id, blockText: text, senderKeys: keys.buffers }
  const pool = workerPool(workers)
  const runs = Array.from({ length: workers }, () => pool.run(task, { name: 'recoverSenders' }) as Promise<void>)
  // Settled here so that a failing worker is never an unhandled rejection; finish() reports it.
  const settled = Promise.allSettled(runs)
  let keysFromWorkers = 0

  const senderOf = (index: number): RecoveredSender => {
    const tx = txs[index]!
    if (keys.claim(index)) return recoverSender(tx, 'recover') // the workers have not reached it, and now will not
    const published = keys.awaitPublished(index, CLAIM_WAIT_MS)
    if (published.kind !== 'key') return recoverSender(tx, 'recover') // invalid (ethereumjs's error), or the claimer is gone
    keysFromWorkers++
    tx.cache.senderPubKey = published.key
    return recoverSender(tx, 'precomputed')
  }

  const finish = async () => {
    const results = await settled
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
    return {
      recoveredOnWorkers: keysFromWorkers,
      failure: failed === undefined ? undefined : `a worker failed: ${(failed.reason as Error)?.message ?? String(failed.reason)}`,
    }
  }
  return { senderOf, finish }
}
