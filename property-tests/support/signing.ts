/**
 * Signing generated transactions fast: ethereumjs signs with pure-JS
 * secp256k1 (~0.7 ms a signature); the native binding the project already
 * loads for sender recovery signs in ~0.04 ms. Same signatures (RFC 6979).
 */
import { createRequire } from 'node:module'

import { Common, Mainnet } from '@ethereumjs/common'

import { lazyKzg } from '../../src/chain/crypto/kzg.js'
import { customCrypto } from '../../src/chain/crypto/nativeCrypto.js'

interface NativeSecp256k1 {
  ecdsaSign(message: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number }
}

const native = createRequire(import.meta.url)('secp256k1') as NativeSecp256k1

/** noble's `recovered` format, which ethereumjs expects from `ecsign`: recovery byte, r, s. */
function ecsign(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const { signature, recid } = native.ecdsaSign(message, privateKey)
  const out = new Uint8Array(65)
  out[0] = recid
  out.set(signature, 1)
  return out
}

export function signSecp256k1(message: Uint8Array, privateKey: Uint8Array): { r: Uint8Array; s: Uint8Array; v: number } {
  const { signature, recid } = native.ecdsaSign(message, privateKey)
  return { r: signature.slice(0, 32), s: signature.slice(32), v: 27 + recid }
}

const commons = new Map<string, Common>()

/** A mainnet Common at the block's fork whose transactions sign (and recover senders) natively. */
export function signingCommon(number: bigint, timestamp: bigint): Common {
  const id = `${number}:${timestamp}`
  let common = commons.get(id)
  if (common === undefined) {
    common = new Common({ chain: Mainnet, customCrypto: { ...customCrypto(lazyKzg), ecsign: ecsign as never } })
    common.setHardforkBy({ blockNumber: number, timestamp })
    commons.set(id, common)
  }
  return common
}
