/**
 * Block-level results computed from the receipts: the logs bloom (OR of the
 * receipts' blooms) and the receipts root (a Merkle-Patricia trie of
 * RLP(index) → typed receipt, as ethereumjs's `runBlock` builds it, computed
 * in one pass by `orderedTrieRoot`).
 */
import type { Common } from '@ethereumjs/common'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { KECCAK256_RLP } from '@ethereumjs/util'
import { type TxReceipt, encodeReceipt } from '@ethereumjs/vm'

import { orderedTrieRoot } from './orderedTrieRoot.js'

export interface TypedReceipt {
  readonly receipt: TxReceipt
  readonly txType: number
}

export function logsBloomOf(receipts: readonly TypedReceipt[]): Uint8Array {
  const bloom = new Uint8Array(256)
  for (const { receipt } of receipts) {
    const bits = receipt.bitvector
    for (let i = 0; i < 256; i++) bloom[i]! |= bits[i]!
  }
  return bloom
}

export async function receiptsRootOf(receipts: readonly TypedReceipt[], _common?: Common): Promise<Uint8Array> {
  return receiptsRootOfEncoded(receipts.map(({ receipt, txType }) => encodeReceipt(receipt, txType as never)))
}

/** The same root from receipts already encoded (typed), in block order. */
export function receiptsRootOfEncoded(encoded: readonly Uint8Array[]): Uint8Array {
  return encoded.length === 0 ? KECCAK256_RLP : orderedTrieRoot(encoded)
}

/** The same root with ethereumjs's general trie (slow): the oracle for `orderedTrieRoot` in tests. */
export async function receiptsRootWithEthereumjsTrie(receipts: readonly TypedReceipt[], common: Common): Promise<Uint8Array> {
  if (receipts.length === 0) return KECCAK256_RLP
  const trie = new MerklePatriciaTrie({ common })
  for (let i = 0; i < receipts.length; i++) {
    const { receipt, txType } = receipts[i]!
    await trie.put(RLP.encode(i), encodeReceipt(receipt, txType as never))
  }
  return trie.root()
}
