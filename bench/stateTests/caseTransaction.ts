/**
 * A case's transaction: the test's template with the case's data, gas limit
 * and value (and the access list of its data index), signed with the test's
 * secret key — as ethereumjs's own state-test runner builds it. Packed
 * blocks re-sign it with another nonce or key.
 *
 * Signing goes through libsecp256k1 (`signingCustomCrypto`): the same
 * RFC 6979 signatures as ethereumjs's pure-JS default, ~20× faster.
 */
import { Common, type Hardfork, Mainnet } from '@ethereumjs/common'
import { type TypedTransaction, createTx } from '@ethereumjs/tx'

import { lazyKzg } from '../../src/chain/crypto/kzg.js'
import { signingCustomCrypto } from '../../src/chain/crypto/nativeCrypto.js'
import type { CaseIndexes, StateTestTransaction } from './stateTest.js'

const commons = new Map<Hardfork, Common>()

/** A mainnet Common at `hardfork` that signs natively (used to build transactions only). */
export function signingCommon(hardfork: Hardfork): Common {
  let common = commons.get(hardfork)
  if (common === undefined) {
    common = new Common({ chain: Mainnet, hardfork, customCrypto: signingCustomCrypto(lazyKzg) })
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
