/**
 * What a transaction certainly touches, known from its fields alone:
 *
 *   sender     reads and writes nonce and balance (nonce +1, gas paid up front);
 *              reads its code (EIP-3607: a sender must not be a contract)
 *   recipient  reads balance, nonce and code (the EVM loads the callee's account
 *              and code); writes balance when value > 0 and the recipient has no
 *              code (a contract may pass the value on: whether its balance changes
 *              is for the bytecode source to say)
 *   creation   the created address (keccak(rlp([sender, nonce]))): reads its
 *              account (collision check), writes nonce and code, and balance
 *              when value > 0
 *
 * The block's beneficiary fee is not here: fee payments are lazy increments
 * (see `feeLocations.ts`).
 */
import { type LocationKey, addressChars, balanceKey, codeKey, nonceKey } from '../../src/shared/locations.js'
import type { PreState } from '../../src/shared/preState.js'
import { type AnalyzedTx, createdAddress } from '../transaction.js'

export interface AccessSets {
  readonly reads: Set<LocationKey>
  readonly writes: Set<LocationKey>
}

export function certainFacts(tx: AnalyzedTx, preState: PreState): AccessSets {
  const reads = new Set<LocationKey>([nonceKey(tx.from), balanceKey(tx.from), codeKey(tx.from)])
  const writes = new Set<LocationKey>([nonceKey(tx.from), balanceKey(tx.from)])
  const target = tx.to ?? createdAddress(tx.from, tx.nonce)
  reads.add(balanceKey(target)).add(nonceKey(target)).add(codeKey(target))
  const keepsValue = tx.to === undefined || (preState.get(addressChars(tx.to))?.code.length ?? 0) === 0
  if (tx.value > 0n && keepsValue) writes.add(balanceKey(target))
  if (tx.to === undefined) writes.add(nonceKey(target)).add(codeKey(target))
  return { reads, writes }
}
