/**
 * The two digests a state test expects: the post-state root (a secure
 * Merkle-Patricia trie of keccak(address) → RLP[nonce, balance,
 * storageRoot, codeHash], each storage root a secure trie of keccak(slot)
 * → RLP(value), zero slots absent) and the logs hash (keccak of the RLP
 * list of [address, topics, data]). Computed here from a `postState()`,
 * with ethereumjs's trie: the engines themselves never build the state trie.
 */
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { RLP } from '@ethereumjs/rlp'
import { Account } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

import type { PostState } from '../../executor/blockExecution.js'
import { nativeKeccak256 } from '../../src/chain/crypto/nativeCrypto.js'
import { stripLeadingZeros } from '../../src/shared/bytes.js'

const keccak256 = nativeKeccak256() ?? keccak_256

export type Log = readonly [Uint8Array, readonly Uint8Array[], Uint8Array]

export async function stateRootOf(accounts: PostState): Promise<Uint8Array> {
  const trie = new MerklePatriciaTrie({ useKeyHashing: true, useKeyHashingFunction: keccak256 })
  for (const account of accounts.values()) {
    const storageRoot = await storageRootOf(account.storage)
    const body = new Account(account.nonce, account.balance, storageRoot, account.codeHash)
    await trie.put(account.address, body.serialize())
  }
  return trie.root()
}

async function storageRootOf(storage: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const trie = new MerklePatriciaTrie({ useKeyHashing: true, useKeyHashingFunction: keccak256 })
  for (const [slot, value] of storage) {
    const minimal = stripLeadingZeros(value)
    if (minimal.length === 0) continue
    await trie.put(Buffer.from(slot, 'latin1'), RLP.encode(minimal))
  }
  return trie.root()
}

export function logsHashOf(logs: readonly Log[]): Uint8Array {
  return keccak256(RLP.encode(logs as never))
}

export function hex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
