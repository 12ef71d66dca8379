/**
 * Sender recovery: part of executing a block (a syncing node cannot trust an
 * RPC's `from`), done by the same code in the reference and the parallel
 * engine, through `Common.customCrypto.ecrecover` (native libsecp256k1).
 */
import type { TypedTransaction } from '@ethereumjs/tx'
import type { Address } from '@ethereumjs/util'

import type { BlockInput } from './blockInput.js'

export type RecoveredSender = { kind: 'valid'; address: Address } | { kind: 'invalid'; error: string }

/**
 * How an execution learns its senders: `recover` (the default, what a syncing
 * node must do) or `precomputed` — only for execution-only benchmarks, with
 * keys recovered beforehand outside the timed region.
 */
export type SenderRecovery = 'recover' | 'precomputed'

export function recoverSender(tx: TypedTransaction, mode: SenderRecovery = 'recover'): RecoveredSender {
  // A frozen transaction caches its sender's public key: forget it, so that every
  // execution of the block (benchmark repetitions included) pays for recovery.
  if (mode === 'recover') tx.cache.senderPubKey = undefined
  try {
    return { kind: 'valid', address: tx.getSenderAddress() }
  } catch (error) {
    return { kind: 'invalid', error: (error as Error).message }
  }
}

/**
 * Each transaction's sender as block.json's `from` says (lower-case hex), or
 * undefined where it does not: a hint for scheduling and engine choice, never
 * the truth (the recovered sender is).
 */
export function hintedSenders(input: BlockInput): (string | undefined)[] {
  return (input.rpcBlock?.transactions ?? []).map((tx) => (typeof tx.from === 'string' ? tx.from.toLowerCase() : undefined))
}

export function recoverSenders(txs: readonly TypedTransaction[], mode: SenderRecovery = 'recover'): RecoveredSender[] {
  return txs.map((tx) => recoverSender(tx, mode))
}

/** The recovered public keys (64 bytes, or undefined for an invalid signature), for `precomputed` runs. */
export function senderPublicKeys(txs: readonly TypedTransaction[]): (Uint8Array | undefined)[] {
  return txs.map((tx) => {
    if (tx.cache.senderPubKey === undefined) recoverSender(tx, 'precomputed')
    return tx.cache.senderPubKey
  })
}
