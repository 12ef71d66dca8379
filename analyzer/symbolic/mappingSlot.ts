/**
 * Solidity's storage layout for mappings: the value of `m[k]` where `m` sits
 * at slot `p` is at keccak256(pad32(k) . pad32(p)); for `m[k1][k2]`, apply
 * it twice (the inner slot is the outer value's slot). Vyper uses the same
 * rule for HashMaps since 0.3.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import { nativeKeccak256 } from '../../src/chain/crypto/nativeCrypto.js'

const keccak256 = nativeKeccak256() ?? keccak_256

/** `key` and `slot` are 32-byte words. */
export function mappingSlot(key: Uint8Array, slot: Uint8Array): Uint8Array {
  const preimage = new Uint8Array(64)
  preimage.set(key, 0)
  preimage.set(slot, 32)
  return keccak256(preimage)
}

/** m[k1][k2]…: `keys` from the outermost in. */
export function nestedMappingSlot(keys: readonly Uint8Array[], slot: Uint8Array): Uint8Array {
  return keys.reduce((current, key) => mappingSlot(key, current), slot)
}

export function wordOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 32) return bytes
  const word = new Uint8Array(32)
  word.set(bytes, 32 - bytes.length)
  return word
}

export function slotFromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.padStart(64, '0'), 'hex'))
}
