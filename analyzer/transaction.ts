/**
 * A transaction as the analyzer sees it: the fields that determine what it
 * may touch, independent of ethereumjs's typed transactions (a mempool file
 * and a block's RPC JSON both give them, senders included).
 */
import { RLP } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'

export interface AccessListEntry {
  readonly address: Uint8Array
  readonly storageKeys: readonly Uint8Array[]
}

export interface AnalyzedTx {
  readonly index: number
  readonly from: Uint8Array
  /** Undefined for a contract creation. */
  readonly to: Uint8Array | undefined
  readonly nonce: bigint
  readonly value: bigint
  readonly data: Uint8Array
  readonly gasLimit: bigint
  /** EIP-2930 access list; empty for legacy transactions. */
  readonly accessList: readonly AccessListEntry[]
}

/** The address a CREATE from `from` at `nonce` deploys to: keccak256(rlp([from, nonce]))[12:]. */
export function createdAddress(from: Uint8Array, nonce: bigint): Uint8Array {
  const nonceBytes = nonce === 0n ? new Uint8Array(0) : hexBytes(nonce.toString(16))
  return keccak_256(RLP.encode([from, nonceBytes])).subarray(12)
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.length % 2 === 1 ? '0' + hex : hex, 'hex'))
}
