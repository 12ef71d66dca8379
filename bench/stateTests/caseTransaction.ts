/**
 * A case's transaction: the test's template with the case's data, gas limit
 * and value (and the access list of its data index), signed with the test's
 * secret key — as ethereumjs's own state-test runner builds it. Packed
 * blocks re-sign it with another nonce or key.
 *
 * Signing goes through libsecp256k1 (the `secp256k1` binding the project
 * already loads for sender recovery): deterministic RFC 6979 signatures,
 * the same as ethereumjs's pure-JS default, ~20× faster.
 */
import { createRequire } from 'node:module'

import { Common, type Hardfork, Mainnet } from '@ethereumjs/common'
import { type TypedTransaction, createTx } from '@ethereumjs/tx'

import { lazyKzg } from '../../src/chain/crypto/kzg.js'
import { customCrypto } from '../../src/chain/crypto/nativeCrypto.js'
import type { CaseIndexes, StateTestTransaction } from './stateTest.js'

interface NativeSecp256k1 {
  ecdsaSign(message: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number }
}

const native = createRequire(import.meta.url)('secp256k1') as NativeSecp256k1

/** noble's `recovered` signature format, which ethereumjs expects from `ecsign`: recovery byte, r, s. */
function nativeSign(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const { signature, recid } = native.ecdsaSign(message, privateKey)
  const out = new Uint8Array(65)
  out[0] = recid
  out.set(signature, 1)
  return out
}

const commons = new Map<Hardfork, Common>()

/** A mainnet Common at `hardfork` that signs natively (used to build transactions only). */
export function signingCommon(hardfork: Hardfork): Common {
  let common = commons.get(hardfork)
  if (common === undefined) {
    common = new Common({ chain: Mainnet, hardfork, customCrypto: { ...customCrypto(lazyKzg), ecsign: nativeSign as never } })
    commons.set(hardfork, common)
  }
  return common
}

export type BuiltTransaction =
  | { readonly kind: 'built'; readonly tx: TypedTransaction }
  /** ethereumjs refuses to construct it (e.g. a value over 2^256, a blob creation): the case runs an empty block. */
  | { readonly kind: 'unbuildable'; readonly error: string }

export interface TransactionOverrides {
  readonly nonce?: bigint
  readonly secretKey?: Uint8Array
}

export function caseTransaction(
  template: StateTestTransaction,
  indexes: CaseIndexes,
  common: Common,
  overrides: TransactionOverrides = {},
): BuiltTransaction {
  const fields: Record<string, unknown> = {
    nonce: overrides.nonce ?? template.nonce,
    to: template.to === '' ? undefined : template.to,
    data: template.data[indexes.data],
    gasLimit: template.gasLimit[indexes.gas],
    value: template.value[indexes.value],
  }
  const accessList = template.accessLists?.[indexes.data] ?? undefined
  if (template.blobVersionedHashes !== undefined) {
    Object.assign(fields, {
      type: 3,
      maxFeePerGas: template.maxFeePerGas,
      maxPriorityFeePerGas: template.maxPriorityFeePerGas,
      maxFeePerBlobGas: template.maxFeePerBlobGas,
      blobVersionedHashes: template.blobVersionedHashes,
      accessList: accessList ?? [],
    })
  } else if (template.maxFeePerGas !== undefined) {
    Object.assign(fields, { type: 2, maxFeePerGas: template.maxFeePerGas, maxPriorityFeePerGas: template.maxPriorityFeePerGas, accessList: accessList ?? [] })
  } else if (template.accessLists !== undefined) {
    Object.assign(fields, { type: 1, gasPrice: template.gasPrice, accessList: accessList ?? [] })
  } else {
    Object.assign(fields, { type: 0, gasPrice: template.gasPrice })
  }
  const key = overrides.secretKey ?? Uint8Array.from(Buffer.from(template.secretKey.slice(2), 'hex'))
  try {
    return { kind: 'built', tx: createTx(fields as never, { common }).sign(key) }
  } catch (error) {
    return { kind: 'unbuildable', error: (error as Error).message }
  }
}
