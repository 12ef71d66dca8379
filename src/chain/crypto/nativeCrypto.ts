/**
 * Native crypto for the hot paths of block execution, plugged into
 * ethereumjs through `Common`'s `customCrypto`, used identically by the
 * sequential reference and the parallel engine.
 *
 * - secp256k1 public-key recovery (sender recovery, the ECRECOVER precompile)
 *   through the `secp256k1` package's libsecp256k1 binding: ~72 µs against
 *   ~1.7 ms for the default pure-JS path (measured by `npm run bench:crypto`).
 * - keccak-256 through the `keccak` package's native sponge, driven directly
 *   (its stream wrapper costs more than the hash): ~1.5 µs against ~5.5 µs.
 * - KZG point evaluation (EIP-4844 precompile 0x0a) through micro-eth-signer
 *   with the Ethereum trusted setup, loaded on first use only.
 *
 * Both native packages ship prebuilt linux-x64 binaries inside the npm
 * tarball, so `npm ci` needs no compiler. If a binary cannot load, we fall
 * back to ethereumjs's pure-JS default and say so in `cryptoBackend()` —
 * never silently.
 */
import { createRequire } from 'node:module'
import { dirname } from 'node:path'

import type { CustomCrypto } from '@ethereumjs/common'

const require = createRequire(import.meta.url)

type Recover = NonNullable<CustomCrypto['ecrecover']>
type Keccak = (message: Uint8Array) => Uint8Array

interface NativeKeccakState {
  initialize(rate: number, capacity: number): void
  absorb(data: Buffer): void
  absorbLastFewBits(bits: number): void
  squeeze(length: number): Buffer
}

export interface CryptoBackend {
  readonly secp256k1: 'native' | 'javascript'
  readonly keccak256: 'native' | 'javascript'
}

const backend: { secp256k1: CryptoBackend['secp256k1']; keccak256: CryptoBackend['keccak256'] } = {
  secp256k1: 'javascript',
  keccak256: 'javascript',
}

function loadNativeRecover(): Recover | undefined {
  let ecdsaRecover: (signature: Uint8Array, recovery: number, message: Uint8Array, compressed: boolean) => Uint8Array
  try {
    ecdsaRecover = require('secp256k1/bindings').ecdsaRecover
  } catch {
    return undefined
  }
  const signature = new Uint8Array(64)
  return function nativeEcrecover(msgHash, v, r, s, chainId) {
    const recovery = signatureRecovery(v, chainId)
    signature.fill(0)
    signature.set(r, 32 - r.length)
    signature.set(s, 64 - s.length)
    // The binding copies its inputs before returning, so reusing `signature` is safe.
    const publicKey = ecdsaRecover(signature, recovery, msgHash, false)
    return publicKey.subarray(1)
  }
}

/** The same rule as ethereumjs's `calculateSigRecovery`, with its error message. */
function signatureRecovery(v: bigint, chainId: bigint | undefined): number {
  const recovery = v === 0n || v === 1n ? v : chainId === undefined ? v - 27n : v - (chainId * 2n + 35n)
  if (recovery !== 0n && recovery !== 1n) throw new Error('Invalid signature v value')
  return Number(recovery)
}

function loadNativeKeccak(): Keccak | undefined {
  let state: NativeKeccakState
  try {
    const KeccakState = require('node-gyp-build')(dirname(require.resolve('keccak/package.json'))) as new () => NativeKeccakState
    state = new KeccakState()
  } catch {
    return undefined
  }
  // keccak-256: rate 1088 bits, capacity 512, the original Keccak padding (0x01).
  return function nativeKeccak256(message) {
    state.initialize(1088, 512)
    state.absorb(Buffer.from(message.buffer, message.byteOffset, message.byteLength))
    state.absorbLastFewBits(0x01)
    const digest = state.squeeze(32)
    return new Uint8Array(digest.buffer, digest.byteOffset, 32)
  }
}

type Sign = (message: Uint8Array, privateKey: Uint8Array) => Uint8Array

/** libsecp256k1 signing in noble's `recovered` format (recovery byte, r, s), which ethereumjs expects from `ecsign`. */
function loadNativeSign(): Sign | undefined {
  let ecdsaSign: (message: Uint8Array, privateKey: Uint8Array) => { signature: Uint8Array; recid: number }
  try {
    ecdsaSign = require('secp256k1').ecdsaSign
  } catch {
    return undefined
  }
  return function nativeEcsign(message, privateKey) {
    const { signature, recid } = ecdsaSign(message, privateKey)
    const recovered = new Uint8Array(65)
    recovered[0] = recid
    recovered.set(signature, 1)
    return recovered
  }
}

const nativeRecover = loadNativeRecover()
if (nativeRecover !== undefined) backend.secp256k1 = 'native'
const nativeKeccak = loadNativeKeccak()
if (nativeKeccak !== undefined) backend.keccak256 = 'native'

/** Which implementations this process got (reported by the CLI and benchmarks). */
export function cryptoBackend(): CryptoBackend {
  return { ...backend }
}

export function nativeKeccak256(): Keccak | undefined {
  return nativeKeccak
}

const nativeSign = loadNativeSign()

/** Native signing (`ecsign` format), or undefined when the binding is missing. */
export function nativeEcsign(): Sign | undefined {
  return nativeSign
}

/**
 * `customCrypto` plus native signing, for code that builds and signs
 * transactions (generators, tests): ethereumjs signs in pure JS (~0.7 ms a
 * signature), libsecp256k1 in ~0.04 ms, with the same signatures (RFC 6979).
 */
export function signingCustomCrypto(kzg: CustomCrypto['kzg']): CustomCrypto {
  const crypto = customCrypto(kzg)
  if (nativeSign !== undefined) crypto.ecsign = nativeSign as never
  return crypto
}

/** The `customCrypto` every Common in the project is built with. */
export function customCrypto(kzg: CustomCrypto['kzg']): CustomCrypto {
  const crypto: CustomCrypto = { kzg }
  if (nativeRecover !== undefined) crypto.ecrecover = nativeRecover
  if (nativeKeccak !== undefined) crypto.keccak256 = nativeKeccak
  return crypto
}
