/**
 * What a transaction really does to the block's beneficiary, as the parallel
 * engine runs it (executor/parallel/workerVms.ts: ETH credits are lazy).
 *
 *   fee payment          every transaction pays `balance += fee` after its
 *                        outermost call: a lazy credit (a DELTA), no read. The
 *                        beneficiary's account fields (balance, and the nonce
 *                        and code the EVM loads alongside it) are dropped
 *                        from the predicted sets.
 *   value sent to it     a transaction *to* the beneficiary credits its
 *                        balance lazily too: it does not read that balance
 *                        (a plain credit to an account whose balance the
 *                        transaction did not read is a delta, not a
 *                        read-modify-write), so the read is dropped and the
 *                        write kept — an explicit reader later depends on it,
 *                        two credits do not depend on each other.
 *   sent from it         the sender's balance is really read and written: kept.
 *   explicit read        code doing `block.coinbase.balance` reads the sum of
 *                        every earlier fee and credit (the engine makes it
 *                        wait for every earlier transaction): sources flag it
 *                        (`readsBeneficiaryBalance`) and the read is added
 *                        here, where the beneficiary is known.
 *
 * Storage of the beneficiary is always kept.
 */
import { type LocationKey, LocationKind, accountCharsOf, addressChars, balanceKey, kindOf } from '../src/shared/locations.js'
import type { TxPrediction } from './prediction.js'
import type { AnalyzedTx } from './transaction.js'

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

/** One source's prediction for `tx` with the beneficiary treated as above. */
export function withoutFeePayments(prediction: TxPrediction, tx: AnalyzedTx, coinbase: Uint8Array | undefined): TxPrediction {
  if (coinbase === undefined) return prediction
  const beneficiary = addressChars(coinbase)
  const beneficiaryBalance = balanceKey(coinbase)
  if (addressChars(tx.from) === beneficiary) {
    // Sent from it: every access is real (the fee it pays itself included).
    return prediction.readsBeneficiaryBalance === true && !prediction.reads.has(beneficiaryBalance) ? { ...prediction, reads: new Set(prediction.reads).add(beneficiaryBalance) } : prediction
  }
  const filter = feeFilter(coinbase, tx.from, tx.to)
  const reads = new Set(withoutFees(prediction.reads, filter))
  const writes = new Set(withoutFees(prediction.writes, filter))
  // Value sent to it is a credit, like the fee: neither reads the balance.
  reads.delete(beneficiaryBalance)
  writes.delete(beneficiaryBalance)
  if (prediction.readsBeneficiaryBalance === true) reads.add(beneficiaryBalance)
  const credits = new Set(prediction.credits ?? []).add(beneficiaryBalance)
  return { ...prediction, reads, writes, credits }
}
