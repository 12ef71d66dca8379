/**
 * Senders' public keys, recovered once per block by whichever worker gets
 * there first and shared through a SharedArrayBuffer.
 *
 * Sender recovery is pure and independent of the state, so it need not wait
 * for anything Block-STM waits for: a transaction chained after another of
 * the same sender (its nonce makes it wait) can have its sender recovered
 * while it waits. Workers recover senders when the scheduler has nothing
 * for them (`recoverNextWhileIdle`), and an execution uses a published key
 * instead of recovering again. On a block where one sender sends almost
 * every transaction (an exchange's payout batch), that turns the half of
 * each transaction's cost that recovery is into parallel work.
 *
 * Per transaction, one status word:
 *   UNCLAIMED → CLAIMED (compareExchange: one worker recovers it)
 *   CLAIMED → RECOVERED (key bytes written first, then the status: a reader
 *   that loads RECOVERED sees the whole key) or → INVALID (the executing
 *   worker recovers again itself to get ethereumjs's error message).
 * A worker that finds a key CLAIMED but not yet published waits for it
 * (awaitPublished): the claimer is in the middle of that one recovery.
 */
import type { TypedTransaction } from '@ethereumjs/tx'

import { type RecoveredSender, recoverSender } from '../senders.js'

const UNCLAIMED = 0
const CLAIMED = 1
const RECOVERED = 2
const INVALID = 3

const KEY_BYTES = 64
/** Word 0: the next transaction an idle worker should look at. */
const CURSOR = 0
const STATUS_OFFSET = 1

export interface SharedSenderKeysBuffers {
  readonly words: SharedArrayBuffer
  readonly keys: SharedArrayBuffer
}

export type PublishedKey = { kind: 'key'; key: Uint8Array } | { kind: 'invalid' } | { kind: 'none' }

export class SharedSenderKeys {
  private readonly words: Int32Array
  private readonly keys: Uint8Array

  private constructor(readonly buffers: SharedSenderKeysBuffers) {
    this.words = new Int32Array(buffers.words)
    this.keys = new Uint8Array(buffers.keys)
  }

  static create(txCount: number): SharedSenderKeys {
    return new SharedSenderKeys({
      words: new SharedArrayBuffer((STATUS_OFFSET + txCount) * 4),
      keys: new SharedArrayBuffer(Math.max(1, txCount) * KEY_BYTES),
    })
  }

  static attach(buffers: SharedSenderKeysBuffers): SharedSenderKeys {
    return new SharedSenderKeys(buffers)
  }

  get txCount(): number {
    return this.words.length - STATUS_OFFSET
  }

  /** The key of `tx` if some worker published it (a copy: the caller may keep it). */
  published(tx: number): PublishedKey {
    const status = Atomics.load(this.words, STATUS_OFFSET + tx)
    if (status === RECOVERED) return { kind: 'key', key: this.keys.slice(tx * KEY_BYTES, (tx + 1) * KEY_BYTES) }
    return status === INVALID ? { kind: 'invalid' } : { kind: 'none' }
  }

  /**
   * The key of `tx` once the worker that claimed it has published it. The
   * claimer publishes right after one recovery (tens of µs) and nothing can
   * stop it in between, so waiting costs no more than recovering again.
   * Past `withinMs` (a claimer on another thread that may have died) it
   * returns `none`, and the caller recovers the key itself.
   */
  awaitPublished(tx: number, withinMs = Infinity): PublishedKey {
    const deadline = withinMs === Infinity ? Infinity : performance.now() + withinMs
    while (Atomics.load(this.words, STATUS_OFFSET + tx) === CLAIMED) {
      if (deadline !== Infinity && performance.now() > deadline) break // another worker is recovering it
    }
    return this.published(tx)
  }

  /** Claims `tx` for recovery; false if another worker has claimed or published it. */
  claim(tx: number): boolean {
    return Atomics.compareExchange(this.words, STATUS_OFFSET + tx, UNCLAIMED, CLAIMED) === UNCLAIMED
  }

  /** Publishes the recovered key of a claimed transaction (undefined: its signature is invalid). */
  publish(tx: number, key: Uint8Array | undefined): void {
    if (key !== undefined && key.length === KEY_BYTES) {
      this.keys.set(key, tx * KEY_BYTES)
      Atomics.store(this.words, STATUS_OFFSET + tx, RECOVERED)
    } else {
      Atomics.store(this.words, STATUS_OFFSET + tx, INVALID)
    }
  }

  /**
   * Claims the lowest unclaimed transaction at or after the shared cursor,
   * or returns undefined when every transaction is claimed.
   */
  claimNext(): number | undefined {
    const count = this.txCount
    for (;;) {
      const tx = Atomics.add(this.words, CURSOR, 1)
      if (tx >= count) return undefined
      if (this.claim(tx)) return tx
    }
  }
}

/** Recovers the sender of `tx` (claimed by this worker as `index`) and publishes its key, or INVALID. */
export function recoverAndPublish(tx: TypedTransaction, keys: SharedSenderKeys, index: number): RecoveredSender {
  const sender = recoverSender(tx, 'recover')
  keys.publish(index, sender.kind === 'valid' ? tx.cache.senderPubKey : undefined)
  return sender
}
