/**
 * A small pre-state and transactions for analyzer tests: accounts with code
 * and storage by hex, calldata from a signature and words, and the static
 * sources run over it.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import { SummaryCache } from '../../../analyzer/bytecode/summaryCache.js'
import type { TxPrediction } from '../../../analyzer/prediction.js'
import { bytecodeSource } from '../../../analyzer/sources/bytecodeSource.js'
import { factsSource } from '../../../analyzer/sources/factsSource.js'
import type { AnalyzedTx } from '../../../analyzer/transaction.js'
import { type LocationKey, describeLocation, parseLocation } from '../../../src/shared/locations.js'
import { parsePreState, type PreState } from '../../../src/shared/preState.js'

/** One cache per test process: each contract is summarised once. */
export const summaries = new SummaryCache()

export interface AccountSpec {
  balance?: bigint
  nonce?: bigint
  code?: Uint8Array
  storage?: Record<string, string>
}

export function preState(accounts: Record<string, AccountSpec>): PreState {
  const json: Record<string, unknown> = {}
  for (const [address, spec] of Object.entries(accounts)) {
    json[address] = {
      balance: `0x${(spec.balance ?? 10n ** 18n).toString(16)}`,
      nonce: `0x${(spec.nonce ?? 0n).toString(16)}`,
      code: spec.code === undefined ? '0x' : `0x${Buffer.from(spec.code).toString('hex')}`,
      storage: spec.storage ?? {},
    }
  }
  return parsePreState(json, 'test pre-state')
}

export function address(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'))
}

/** Calldata: the signature's selector, then each argument as a 32-byte word (addresses and numbers). */
export function calldata(signature: string, ...args: (string | bigint)[]): Uint8Array {
  const selector = keccak_256(new TextEncoder().encode(signature)).subarray(0, 4)
  const words = args.map((arg) => (typeof arg === 'bigint' ? arg.toString(16) : arg.replace(/^0x/, '')).padStart(64, '0'))
  return Uint8Array.from(Buffer.from(Buffer.from(selector).toString('hex') + words.join(''), 'hex'))
}

export function tx(fields: { from: string; to?: string; data?: Uint8Array; value?: bigint; nonce?: bigint; index?: number }): AnalyzedTx {
  return {
    index: fields.index ?? 0,
    from: address(fields.from),
    to: fields.to === undefined ? undefined : address(fields.to),
    nonce: fields.nonce ?? 0n,
    value: fields.value ?? 0n,
    data: fields.data ?? new Uint8Array(0),
    gasLimit: 1_000_000n,
    accessList: [],
  }
}

/** The bytecode source's prediction for one transaction. */
export async function predictBytecode(state: PreState, transaction: AnalyzedTx): Promise<TxPrediction> {
  const [prediction] = await bytecodeSource(summaries).predict({ txs: [transaction], preState: state, coinbase: undefined })
  return prediction!
}

export async function predictFacts(state: PreState, transaction: AnalyzedTx): Promise<TxPrediction> {
  const [prediction] = await factsSource.predict({ txs: [transaction], preState: state, coinbase: undefined })
  return prediction!
}

/** keccak(pad32(key) . pad32(slot)), nested for several keys, as a storage location string. */
export function mappingLocation(contract: string, slot: bigint, ...keys: string[]): string {
  let current = Buffer.from(slot.toString(16).padStart(64, '0'), 'hex')
  for (const key of keys) {
    current = Buffer.from(keccak_256(Buffer.concat([Buffer.from(key.replace(/^0x/, '').padStart(64, '0'), 'hex'), current])))
  }
  return `storage(${contract},0x${current.toString('hex')})`
}

export function slotLocation(contract: string, slot: bigint): string {
  return `storage(${contract},0x${slot.toString(16).padStart(64, '0')})`
}

/** Location strings, for readable assertions. */
export function described(keys: ReadonlySet<LocationKey>): string[] {
  return [...keys].map(describeLocation).sort()
}

export function key(location: string): LocationKey {
  return parseLocation(location)
}
