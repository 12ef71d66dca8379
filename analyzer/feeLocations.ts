/**
 * Fee payments to the block's beneficiary are lazy increments in the engine:
 * they make no dependency between transactions. So the beneficiary's account
 * fields (balance, and the nonce and code the EVM loads alongside it) are
 * dropped from a transaction's predicted and actual sets — unless the
 * transaction's sender or recipient is the beneficiary, where the account is
 * really read. Storage of the beneficiary is kept.
 */
import { type LocationKey, LocationKind, accountCharsOf, addressChars, kindOf } from '../src/shared/locations.js'

export interface FeeFilter {
  /** True when `key` is a fee-payment location for a transaction from `from` to `to`. */
  isFeeLocation(key: LocationKey): boolean
}

export function feeFilter(coinbase: Uint8Array | undefined, from: Uint8Array, to: Uint8Array | undefined): FeeFilter {
  if (coinbase === undefined) return { isFeeLocation: () => false }
  const beneficiary = addressChars(coinbase)
  const touchesBeneficiary = addressChars(from) === beneficiary || (to !== undefined && addressChars(to) === beneficiary)
  if (touchesBeneficiary) return { isFeeLocation: () => false }
  return { isFeeLocation: (key) => kindOf(key) !== LocationKind.Storage && accountCharsOf(key) === beneficiary }
}

export function withoutFees(keys: ReadonlySet<LocationKey>, filter: FeeFilter): ReadonlySet<LocationKey> {
  let kept: Set<LocationKey> | undefined
  for (const key of keys) {
    if (!filter.isFeeLocation(key)) continue
    kept ??= new Set(keys)
    kept.delete(key)
  }
  return kept ?? keys
}
