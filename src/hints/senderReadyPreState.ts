/**
 * The pre-block state with one sender made ready to send: its nonce set to
 * the transaction's, and its balance raised to cover the transaction's
 * maximum cost if it falls short. A builder simulates a sender's later
 * transactions after its earlier ones; without this, every transaction but
 * a sender's first would be rejected (nonce too high) and predict nothing.
 * Everything else is the pre-block state, shared, not copied.
 */
import type { TypedTransaction } from '@ethereumjs/tx'

import { addressChars } from '../shared/locations.js'
import type { AccountState, PreState } from '../shared/preState.js'
import { EMPTY_CODE_HASH } from '../shared/preState.js'

export function senderReadyPreState(preState: PreState, tx: TypedTransaction, sender: Uint8Array): PreState {
  const id = addressChars(sender)
  const base = preState.get(id)
  const cost = tx.gasLimit * maxFeePerGas(tx) + tx.value
  const ready: AccountState = {
    address: sender,
    nonce: tx.nonce,
    balance: base === undefined || base.balance < cost ? cost : base.balance,
    code: base?.code ?? new Uint8Array(0),
    codeHash: base?.codeHash ?? EMPTY_CODE_HASH,
    storage: base?.storage ?? new Map(),
  }
  return new WithOneAccount(preState, id, ready)
}

function maxFeePerGas(tx: TypedTransaction): bigint {
  if ('maxFeePerGas' in tx) return tx.maxFeePerGas
  return (tx as { gasPrice: bigint }).gasPrice
}

class WithOneAccount implements ReadonlyMap<string, AccountState> {
  constructor(
    private readonly base: PreState,
    private readonly id: string,
    private readonly account: AccountState,
  ) {}

  get size(): number {
    return this.base.has(this.id) ? this.base.size : this.base.size + 1
  }
  get(key: string): AccountState | undefined {
    return key === this.id ? this.account : this.base.get(key)
  }
  has(key: string): boolean {
    return key === this.id || this.base.has(key)
  }
  *entries(): MapIterator<[string, AccountState]> {
    for (const [key, value] of this.base) if (key !== this.id) yield [key, value]
    yield [this.id, this.account]
  }
  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key
  }
  *values(): MapIterator<AccountState> {
    for (const [, value] of this.entries()) yield value
  }
  forEach(callback: (value: AccountState, key: string, map: ReadonlyMap<string, AccountState>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }
  [Symbol.iterator](): MapIterator<[string, AccountState]> {
    return this.entries()
  }
}
