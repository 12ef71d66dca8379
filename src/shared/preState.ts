/**
 * The pre-block state: every account a block touches, as it was before the
 * block, in the shape of a block directory's `pre_state.json`:
 *
 *   { "0xaddr": { "balance": "0x..", "nonce": "0x..", "code": "0x.." (optional),
 *                 "storage": { "0xslot": "0xvalue" } } }
 *
 * Parsed once per block into immutable records keyed by `addressChars`
 * (the account part of a `LocationKey`). Storage holds only the slots the
 * file lists; an absent slot is zero.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import { inputError } from './errors.js'
import { addressChars, slotChars } from './locations.js'

export interface AccountState {
  readonly address: Uint8Array
  readonly balance: bigint
  readonly nonce: bigint
  /** Empty for accounts without code. */
  readonly code: Uint8Array
  readonly codeHash: Uint8Array
  /** Slot (32 one-byte chars) → value, minimal big-endian bytes (empty = zero). */
  readonly storage: ReadonlyMap<string, Uint8Array>
}

/** Address (20 one-byte chars) → account. */
export type PreState = ReadonlyMap<string, AccountState>

export const EMPTY_CODE_HASH = keccak_256(new Uint8Array(0))
const EMPTY = new Uint8Array(0)

export function parsePreState(json: unknown, file: string): PreState {
  if (!isObject(json)) throw inputError(`${file}: expected an object of accounts`)
  const accounts = new Map<string, AccountState>()
  for (const [addressHex, entry] of Object.entries(json)) {
    const where = `${file}: account ${addressHex}`
    const address = parseHexBytes(addressHex, where, 20)
    if (!isObject(entry)) throw inputError(`${where}: expected an object`)
    const code = entry.code === undefined || entry.code === null ? EMPTY : parseHexBytes(entry.code, `${where}.code`)
    const storage = new Map<string, Uint8Array>()
    if (entry.storage !== undefined) {
      if (!isObject(entry.storage)) throw inputError(`${where}.storage: expected an object`)
      for (const [slotHex, valueHex] of Object.entries(entry.storage)) {
        const slot = parseQuantity(slotHex, `${where}.storage key ${slotHex}`)
        const value = parseQuantity(valueHex, `${where}.storage[${slotHex}]`)
        storage.set(slotChars(bigintToBytes(slot, 32)), minimalBytes(value))
      }
    }
    accounts.set(addressChars(address), {
      address,
      balance: parseQuantity(entry.balance ?? '0x0', `${where}.balance`),
      nonce: parseQuantity(entry.nonce ?? '0x0', `${where}.nonce`),
      code,
      codeHash: code.length === 0 ? EMPTY_CODE_HASH : keccak_256(code),
      storage,
    })
  }
  return accounts
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON-RPC quantity ("0x1a") or a decimal string/number, as a non-negative bigint. */
export function parseQuantity(value: unknown, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string') {
    if (/^0x[0-9a-fA-F]+$/.test(value)) return BigInt(value)
    if (value === '0x') return 0n
    if (/^[0-9]+$/.test(value)) return BigInt(value)
  }
  throw inputError(`${where}: expected a hex quantity, got ${JSON.stringify(value)}`)
}

export function parseHexBytes(value: unknown, where: string, length?: number): Uint8Array {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    throw inputError(`${where}: expected 0x-prefixed hex bytes, got ${JSON.stringify(value)?.slice(0, 80)}`)
  }
  const bytes = Buffer.from(value.slice(2), 'hex')
  if (length !== undefined && bytes.length !== length) {
    throw inputError(`${where}: expected ${length} bytes, got ${bytes.length}`)
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}

export function bigintToBytes(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  if (value === 0n) return bytes
  if (value < 0n) throw new RangeError(`${value} is negative: no unsigned encoding`)
  if (value <= 0xffffffffffffn) {
    let rest = Number(value)
    for (let i = length - 1; i >= 0 && rest > 0; i--) {
      bytes[i] = rest % 256
      rest = Math.floor(rest / 256)
    }
    return bytes
  }
  // 64 bits at a time from the right (balances in wei are usually over 2^48).
  let rest = value
  let end = length
  for (; rest > 0n && end >= 8; end -= 8) {
    CHUNK.setBigUint64(0, BigInt.asUintN(64, rest))
    bytes.set(CHUNK_BYTES, end - 8)
    rest >>= 64n
  }
  for (; rest > 0n && end > 0; end--) {
    bytes[end - 1] = Number(rest & 0xffn)
    rest >>= 8n
  }
  if (rest > 0n) throw new RangeError(`${value} does not fit in ${length} bytes`)
  return bytes
}

const CHUNK = new DataView(new ArrayBuffer(8))
const CHUNK_BYTES = new Uint8Array(CHUNK.buffer)

/** Big-endian bytes without leading zeros; zero is the empty array (ethereumjs's storage form). */
export function minimalBytes(value: bigint): Uint8Array {
  if (value === 0n) return EMPTY
  let hex = value.toString(16)
  if (hex.length % 2 === 1) hex = '0' + hex
  return Uint8Array.from(Buffer.from(hex, 'hex'))
}
