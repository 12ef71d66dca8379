/**
 * Memory locations: the unit of conflict between transactions.
 *
 * One account is four kinds of location, so that unrelated fields never
 * conflict: a transfer into an account (balance) does not conflict with a
 * transaction that only checks the account's code.
 *
 *   balance(addr)        32-byte word
 *   nonce(addr)          32-byte word (a uint64 in practice)
 *   code(addr)           code hash + code (variable size)
 *   storage(addr, slot)  32-byte word
 *
 * A `LocationKey` is a string with one character per byte: a kind tag, the
 * 20 address bytes and, for storage, the 32 slot bytes. Every character is
 * below 256, so V8 stores it as a one-byte string (21 or 53 bytes), it is a
 * cheap `Map` key, and the encoding is injective: two keys are equal exactly
 * when they name the same location (no hashing, no collisions). The analyzer
 * and the executor both build keys with these functions, so predicted and
 * actual access sets compare directly.
 */

export type LocationKey = string & { readonly __brand: 'LocationKey' }

export const LocationKind = {
  Balance: 0x62, // 'b'
  Nonce: 0x6e, // 'n'
  Code: 0x63, // 'c'
  Storage: 0x73, // 's'
  /**
   * Engine-internal, never predicted and never in a post-state: how many
   * transactions of the block wrote the account's storage (lazy increments).
   * A transaction that deletes a contract reads it, so the parallel engine
   * knows whether earlier transactions left storage that the deletion wipes.
   */
  StorageWrites: 0x77, // 'w'
} as const
export type LocationKind = (typeof LocationKind)[keyof typeof LocationKind]

export const ADDRESS_BYTES = 20
export const SLOT_BYTES = 32
const ACCOUNT_KEY_LENGTH = 1 + ADDRESS_BYTES
const STORAGE_KEY_LENGTH = 1 + ADDRESS_BYTES + SLOT_BYTES

const fromCharCode = String.fromCharCode

/** The 20 address bytes as a one-byte string: the account part of every key. */
export function addressChars(address: Uint8Array): string {
  if (address.length !== ADDRESS_BYTES) {
    throw new RangeError(`an address has ${ADDRESS_BYTES} bytes, got ${address.length}`)
  }
  return fromCharCode.apply(null, address as unknown as number[])
}

/** A slot as 32 one-byte characters; shorter slots are left-padded with zeros. */
export function slotChars(slot: Uint8Array): string {
  if (slot.length === SLOT_BYTES) return fromCharCode.apply(null, slot as unknown as number[])
  if (slot.length > SLOT_BYTES) {
    throw new RangeError(`a storage slot has at most ${SLOT_BYTES} bytes, got ${slot.length}`)
  }
  const padded = new Uint8Array(SLOT_BYTES)
  padded.set(slot, SLOT_BYTES - slot.length)
  return fromCharCode.apply(null, padded as unknown as number[])
}

export function balanceKey(address: Uint8Array): LocationKey {
  return (fromCharCode(LocationKind.Balance) + addressChars(address)) as LocationKey
}
export function nonceKey(address: Uint8Array): LocationKey {
  return (fromCharCode(LocationKind.Nonce) + addressChars(address)) as LocationKey
}
export function codeKey(address: Uint8Array): LocationKey {
  return (fromCharCode(LocationKind.Code) + addressChars(address)) as LocationKey
}
export function storageWritesKey(address: Uint8Array): LocationKey {
  return (fromCharCode(LocationKind.StorageWrites) + addressChars(address)) as LocationKey
}
export function storageKey(address: Uint8Array, slot: Uint8Array): LocationKey {
  return (fromCharCode(LocationKind.Storage) + addressChars(address) + slotChars(slot)) as LocationKey
}

/** Keys from an account part already built with `addressChars` (saves re-encoding the address). */
export function accountFieldKey(kind: LocationKind, account: string): LocationKey {
  return (fromCharCode(kind) + account) as LocationKey
}
export function storageKeyFromChars(account: string, slot: string): LocationKey {
  return (fromCharCode(LocationKind.Storage) + account + slot) as LocationKey
}

export function kindOf(key: LocationKey): LocationKind {
  return key.charCodeAt(0) as LocationKind
}

/** The address part of a key, as the one-byte string from `addressChars`. */
export function accountCharsOf(key: LocationKey): string {
  return key.slice(1, ACCOUNT_KEY_LENGTH)
}

/** The inverse of `addressChars`. */
export function addressBytesOf(account: string): Uint8Array {
  return charsToBytes(account, 0, ADDRESS_BYTES)
}

export function addressOf(key: LocationKey): Uint8Array {
  return charsToBytes(key, 1, ACCOUNT_KEY_LENGTH)
}

export function slotOf(key: LocationKey): Uint8Array {
  if (kindOf(key) !== LocationKind.Storage) throw new TypeError(`${describeLocation(key)} has no slot`)
  return charsToBytes(key, ACCOUNT_KEY_LENGTH, STORAGE_KEY_LENGTH)
}

/** The key's bytes, for writing it into shared memory (21 or 53 bytes). */
export function keyBytes(key: LocationKey): Uint8Array {
  return charsToBytes(key, 0, key.length)
}

/** The inverse of `keyBytes`; throws on anything that is not a well-formed key. */
export function keyFromBytes(bytes: Uint8Array): LocationKey {
  const key = fromCharCode.apply(null, bytes as unknown as number[]) as LocationKey
  assertLocationKey(key)
  return key
}

export function isLocationKey(value: string): value is LocationKey {
  const kind = value.charCodeAt(0)
  if (kind === LocationKind.Storage) return value.length === STORAGE_KEY_LENGTH && isOneByte(value)
  if (kind === LocationKind.Balance || kind === LocationKind.Nonce || kind === LocationKind.Code || kind === LocationKind.StorageWrites) {
    return value.length === ACCOUNT_KEY_LENGTH && isOneByte(value)
  }
  return false
}

export function assertLocationKey(value: string): asserts value is LocationKey {
  if (!isLocationKey(value)) throw new TypeError(`not a location key: ${JSON.stringify(value)}`)
}

const KIND_NAMES: Record<LocationKind, string> = {
  [LocationKind.Balance]: 'balance',
  [LocationKind.Nonce]: 'nonce',
  [LocationKind.Code]: 'code',
  [LocationKind.Storage]: 'storage',
  [LocationKind.StorageWrites]: 'storage-writes',
}

export function kindName(kind: LocationKind): string {
  return KIND_NAMES[kind]
}

/** Human form, e.g. `storage(0xabc…, 0x00…01)`; also the form used in JSON reports. */
export function describeLocation(key: LocationKey): string {
  const kind = kindOf(key)
  const address = hexOfChars(key, 1, ACCOUNT_KEY_LENGTH)
  if (kind === LocationKind.Storage) {
    return `storage(${address},${hexOfChars(key, ACCOUNT_KEY_LENGTH, STORAGE_KEY_LENGTH)})`
  }
  return `${KIND_NAMES[kind]}(${address})`
}

/** Parses the form `describeLocation` prints (and hint files use). */
export function parseLocation(text: string): LocationKey {
  const match = /^(balance|nonce|code|storage)\((0x[0-9a-fA-F]{40})(?:,\s*(0x[0-9a-fA-F]{1,64}))?\)$/.exec(text.trim())
  if (match === null) throw new SyntaxError(`not a location: ${JSON.stringify(text)}`)
  const [, kind, addressHex, slotHex] = match
  const address = hexToBytes(addressHex!)
  if (kind === 'storage') {
    if (slotHex === undefined) throw new SyntaxError(`storage location without a slot: ${JSON.stringify(text)}`)
    return storageKey(address, hexToBytes(slotHex))
  }
  if (slotHex !== undefined) throw new SyntaxError(`${kind} location takes no slot: ${JSON.stringify(text)}`)
  if (kind === 'balance') return balanceKey(address)
  if (kind === 'nonce') return nonceKey(address)
  return codeKey(address)
}

function charsToBytes(text: string, start: number, end: number): Uint8Array {
  const bytes = new Uint8Array(end - start)
  for (let i = start; i < end; i++) bytes[i - start] = text.charCodeAt(i)
  return bytes
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function hexOfChars(text: string, start: number, end: number): string {
  let hex = '0x'
  for (let i = start; i < end; i++) hex += HEX[text.charCodeAt(i)]
  return hex
}

function hexToBytes(hex: string): Uint8Array {
  let digits = hex.startsWith('0x') ? hex.slice(2) : hex
  if (digits.length % 2 === 1) digits = '0' + digits
  const bytes = new Uint8Array(digits.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

function isOneByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false
  return true
}
