/**
 * Sender recovery: part of executing a block (a syncing node cannot trust an
 * RPC's `from`), done by the same code in the reference and the parallel
 * engine, through `Common.customCrypto.ecrecover` (native libsecp256k1).
 */
import type { TypedTransaction } from '@ethereumjs/tx'
import type { Address } from '@ethereumjs/util'

export type RecoveredSender = { kind: 'valid'; address: Address } | { kind: 'invalid'; error: string }

export function recoverSender(tx: TypedTransaction): RecoveredSender {
  // A frozen transaction caches its sender's public key: forget it, so that every
  // execution of the block (benchmark repetitions included) pays for recovery.
  tx.cache.senderPubKey = undefined
  try {
    return { kind: 'valid', address: tx.getSenderAddress() }
  } catch (error) {
    return { kind: 'invalid', error: (error as Error).message }
  }
}

export function recoverSenders(txs: readonly TypedTransaction[]): RecoveredSender[] {
  return txs.map(recoverSender)
}
