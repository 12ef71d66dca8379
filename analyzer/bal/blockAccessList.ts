/**
 * EIP-7928 block-level access lists, JSON as in the execution-apis schema:
 *
 *   [ { "address": "0x..",
 *       "storageChanges": [ { "key": "0xslot", "changes": [ { "index": 1, "value": "0x.." } ] } ],
 *       "storageReads":   [ "0xslot" ],
 *       "balanceChanges": [ { "index": 1, "value": "0x.." } ],
 *       "nonceChanges":   [ { "index": 1, "value": "0x.." } ],
 *       "codeChanges":    [ { "index": 1, "code": "0x.." } ] } ]
 *
 * Block access index 0 is the pre-execution system calls, transaction i has
 * index i + 1, and n + 1 is post-execution (withdrawals, rewards). Clients
 * emit other names for the same fields; both are accepted:
 *
 *   key ~ slot · changes ~ slotChanges · index ~ blockAccessIndex ~ txIndex
 *   value ~ postValue (storage) ~ postBalance (balance) ~ postNonce (nonce) · code ~ newCode
 *
 * (`txIndex` is read as a block access index too, i.e. transaction i is i + 1.)
 * Values are validated but not kept: which transaction changed what is all
 * the dependency graph needs.
 */
import { inputError } from '../../src/shared/errors.js'
import { type LocationKey, balanceKey, codeKey, nonceKey, storageKey } from '../../src/shared/locations.js'
import { bigintToBytes, isObject, parseHexBytes, parseQuantity } from '../../src/shared/preState.js'

export interface BlockAccessList {
  /** Block access index → the locations it changed. */
  readonly changes: ReadonlyMap<number, ReadonlySet<LocationKey>>
  /** Slots read but not changed somewhere in the block (EIP-7928 does not say by which transaction). */
  readonly storageReads: ReadonlySet<LocationKey>
}

const ACCOUNT_FIELDS = new Set(['address', 'storageChanges', 'storageReads', 'balanceChanges', 'nonceChanges', 'codeChanges'])

export function parseBlockAccessList(json: unknown, file: string): BlockAccessList {
  if (!Array.isArray(json)) throw inputError(`${file}: expected an array of account entries (EIP-7928 block access list)`)
  const changes = new Map<number, Set<LocationKey>>()
  const storageReads = new Set<LocationKey>()
  const changed = (index: number, key: LocationKey) => {
    let set = changes.get(index)
    if (set === undefined) changes.set(index, (set = new Set()))
    set.add(key)
  }
  json.forEach((entry, position) => {
    const where = `${file}: [${position}]`
    if (!isObject(entry)) throw inputError(`${where}: expected an account object`)
    for (const field of Object.keys(entry)) {
      if (!ACCOUNT_FIELDS.has(field)) throw inputError(`${where}: unknown field "${field}"`)
    }
    const address = parseHexBytes(entry.address, `${where}.address`, 20)
    const at = `${file}: account ${entry.address as string}`
    listOf(entry.storageChanges, `${at}.storageChanges`).forEach((slotEntry, i) => {
      const slotWhere = `${at}.storageChanges[${i}]`
      if (!isObject(slotEntry)) throw inputError(`${slotWhere}: expected {key, changes}`)
      const slot = parseSlot(either(slotEntry, 'key', 'slot', slotWhere), slotWhere)
      const key = storageKey(address, slot)
      const list = listOf(either(slotEntry, 'changes', 'slotChanges', slotWhere), `${slotWhere}.changes`)
      list.forEach((change, k) => changed(parseChange(change, `${slotWhere}.changes[${k}]`, ['value', 'postValue']), key))
    })
    listOf(entry.storageReads, `${at}.storageReads`).forEach((slot, i) => {
      const slotWhere = `${at}.storageReads[${i}]`
      storageReads.add(storageKey(address, parseSlot(isObject(slot) ? either(slot, 'key', 'slot', slotWhere) : slot, slotWhere)))
    })
    listOf(entry.balanceChanges, `${at}.balanceChanges`).forEach((change, i) =>
      changed(parseChange(change, `${at}.balanceChanges[${i}]`, ['value', 'postBalance']), balanceKey(address)),
    )
    listOf(entry.nonceChanges, `${at}.nonceChanges`).forEach((change, i) =>
      changed(parseChange(change, `${at}.nonceChanges[${i}]`, ['value', 'postNonce']), nonceKey(address)),
    )
    listOf(entry.codeChanges, `${at}.codeChanges`).forEach((change, i) =>
      changed(parseCodeChange(change, `${at}.codeChanges[${i}]`), codeKey(address)),
    )
  })
  return { changes, storageReads }
}

function listOf(json: unknown, where: string): unknown[] {
  if (json === undefined) return []
  if (!Array.isArray(json)) throw inputError(`${where}: expected an array`)
  return json
}

/** The value of one of two names for the same field; exactly one must be present. */
function either(entry: Record<string, unknown>, name: string, alias: string, where: string): unknown {
  if (entry[name] !== undefined && entry[alias] !== undefined) throw inputError(`${where}: has both "${name}" and "${alias}"`)
  const value = entry[name] ?? entry[alias]
  if (value === undefined) throw inputError(`${where}: missing "${name}" (or "${alias}")`)
  return value
}

const INDEX_NAMES = ['index', 'blockAccessIndex', 'txIndex']

function parseIndex(entry: Record<string, unknown>, where: string): number {
  const present = INDEX_NAMES.filter((name) => entry[name] !== undefined)
  if (present.length !== 1) throw inputError(`${where}: needs exactly one of ${INDEX_NAMES.map((n) => `"${n}"`).join(', ')}`)
  const index = parseQuantity(entry[present[0]!], `${where}.${present[0]}`)
  if (index > 0xffffn) throw inputError(`${where}: block access index ${index} is out of range`)
  return Number(index)
}

function parseChange(change: unknown, where: string, valueNames: readonly string[]): number {
  if (!isObject(change)) throw inputError(`${where}: expected {index, value}`)
  const present = valueNames.filter((name) => change[name] !== undefined)
  if (present.length !== 1) throw inputError(`${where}: needs exactly one of ${valueNames.map((n) => `"${n}"`).join(', ')}`)
  parseQuantity(change[present[0]!], `${where}.${present[0]}`)
  return parseIndex(change, where)
}

function parseCodeChange(change: unknown, where: string): number {
  if (!isObject(change)) throw inputError(`${where}: expected {index, code}`)
  parseHexBytes(either(change, 'code', 'newCode', where), `${where}.code`)
  return parseIndex(change, where)
}

function parseSlot(json: unknown, where: string): Uint8Array {
  const slot = parseQuantity(json, where)
  if (slot >= 1n << 256n) throw inputError(`${where}: a slot has at most 32 bytes`)
  return bigintToBytes(slot, 32)
}
