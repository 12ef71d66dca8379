/**
 * A mocked block under construction: a seeded PRNG, fresh funded keys,
 * contract accounts laid out directly in the pre-state, and signed
 * transactions with per-sender nonces. Families (transfers.ts, erc20.ts,
 * amm.ts, beneficiary.ts, mixed.ts) append to one; `writeTo` writes it as a
 * block directory whose header comes from the sequential reference.
 *
 * Determinism: everything derives from the seed and the order of calls, so
 * the same family, size and seed always give byte-identical blocks.
 */
import type { TypedTransaction } from '@ethereumjs/tx'

import { Prng } from '../../scheduler/simulator/prng.js'
import type { PreStateAccountJson } from '../../src/blockDirectory/writeBlockDirectory.js'
import { COINBASE, ETHER, type Key, type TxFields, account, key, signedTx, writeMockBlock } from './blockFactory.js'

export class MockBlock {
  readonly txs: TypedTransaction[] = []
  readonly preState: Record<string, PreStateAccountJson> = {}
  readonly random: Prng
  private nextKey: number
  private nextContract = 1
  private readonly nonces = new Map<string, number>()

  /** `keyBase` keeps key ranges apart when several blocks must not share senders. */
  constructor(readonly seed: number, keyBase = 0) {
    this.random = new Prng(seed)
    this.nextKey = keyBase
    // The beneficiary exists, as on mainnet (a missing one is created by the first fee, an absolute write).
    this.preState[COINBASE] = account(ETHER)
  }

  /** A new signing key, funded with `balance` in the pre-state. */
  fundedKey(balance = ETHER): Key {
    const fresh = key(this.nextKey++)
    this.preState[fresh.address] = account(balance)
    return fresh
  }

  /** A fresh address nobody signs for (a recipient that does not exist before the block). */
  freshAddress(): string {
    let hex = '0x'
    for (let i = 0; i < 5; i++) hex += Math.floor(this.random.next() * 2 ** 32).toString(16).padStart(8, '0')
    return hex
  }

  /** Places a contract in the pre-state at a new address: `0xcc…` + a counter. */
  deploy(runtimeCode: string, storage: Record<string, string> = {}): string {
    const address = '0x' + 'cc'.repeat(12) + (this.nextContract++).toString(16).padStart(16, '0')
    this.preState[address] = account(0n, { code: runtimeCode, storage })
    return address
  }

  /** Adds storage words to an account already in the pre-state. */
  setStorage(address: string, slots: Record<string, string>): void {
    const entry = this.preState[address]
    if (entry === undefined) throw new Error(`setStorage: ${address} is not in the pre-state`)
    Object.assign(entry.storage, slots)
  }

  /** Signs and appends a transaction from `from` with its next nonce. */
  send(from: Key, fields: Omit<TxFields, 'nonce'>): void {
    const nonce = this.nonces.get(from.address) ?? 0
    this.nonces.set(from.address, nonce + 1)
    this.txs.push(signedTx(from, { ...fields, nonce }))
  }

  /** Reorders the transactions (only valid when no sender has two of them). */
  shuffle(): void {
    for (let i = this.txs.length - 1; i > 0; i--) {
      const j = this.random.below(i + 1)
      ;[this.txs[i], this.txs[j]] = [this.txs[j]!, this.txs[i]!]
    }
  }

  writeTo(dir: string): Promise<void> {
    return writeMockBlock(dir, this.txs, this.preState)
  }
}

/** A 32-byte hex word (no 0x) of a number or an address. */
export function word(value: bigint | string): string {
  return (typeof value === 'bigint' ? value.toString(16) : value.replace(/^0x/, '')).padStart(64, '0')
}

/** ABI calldata: a 4-byte selector (hex) and 32-byte words. */
export function calldata(selector: string, ...args: (bigint | string | boolean)[]): string {
  return '0x' + selector + args.map((arg) => word(typeof arg === 'boolean' ? (arg ? 1n : 0n) : arg)).join('')
}
