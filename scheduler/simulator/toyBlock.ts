/**
 * Toy transactions: the stand-in for the EVM in the simulator, the property
 * tests and the multi-threaded stress test.
 *
 * A toy transaction reads a list of locations, then writes values that are a
 * deterministic function of what it read (so a stale read shows up as a wrong
 * final value), optionally writes some locations only when the values read
 * say so (so write sets change between incarnations, exercising REMOVED
 * entries and wroteNewLocation), and adds increments (DELTAs) to locations
 * it does not read. Executing a block of them one after another
 * (`serialExecute`) is the oracle that parallel runs are compared to.
 */
import { storageKey, type LocationKey } from '../../src/shared/locations.js'
import type { FinalValue } from '../mvmemory.js'
import type { ReadSlot } from '../readSet.js'
import { WORD_BYTES, bigIntToWord, mod256, wordToBigInt } from '../word256.js'
import type { WriteSet } from '../writeSet.js'

export interface ToyTransaction {
  /** Locations read, in this order. */
  readonly reads: readonly LocationKey[]
  /** Locations always written, with a value derived from the reads. */
  readonly writes: readonly LocationKey[]
  /** Locations written only when the values read make it so. */
  readonly maybeWrites?: readonly LocationKey[]
  /** Locations incremented without being read (lazy credits); some increments wrap (decrements). */
  readonly deltas?: readonly LocationKey[]
  /** Execution time in µs (virtual in the simulator, busy-waited in the stress test). */
  readonly cost: number
  /** Validation time in µs (simulator); defaults to the block's. */
  readonly validationCost?: number
}

export interface ToyBlock {
  readonly transactions: readonly ToyTransaction[]
  /** Default validation time in µs for the simulator. */
  readonly validationCost?: number
}

/**
 * Where in its execution a toy transaction performs its k-th of m reads, as a
 * fraction of its cost (the simulator's model; jitter moves it around).
 */
export function readFraction(k: number, m: number): number {
  return (k + 1) / (m + 1)
}

const MASK_64 = (1n << 64n) - 1n
const FNV_PRIME = 0x100000001b3n
const FNV_OFFSET = 0xcbf29ce484222325n

function fold64(value: bigint): bigint {
  return (value ^ (value >> 64n) ^ (value >> 128n) ^ (value >> 192n)) & MASK_64
}

function mix(h: bigint, value: bigint): bigint {
  return ((h ^ fold64(value)) * FNV_PRIME) & MASK_64
}

function keyHash(key: LocationKey): bigint {
  let h = FNV_OFFSET
  for (let i = 0; i < key.length; i++) h = mix(h, BigInt(key.charCodeAt(i)))
  return h
}

const keyHashes = new Map<LocationKey, bigint>()
function cachedKeyHash(key: LocationKey): bigint {
  let h = keyHashes.get(key)
  if (h === undefined) {
    h = keyHash(key)
    keyHashes.set(key, h)
  }
  return h
}

/** The pre-block value of a location (what the executor's base state would supply). */
export function baseValue(key: LocationKey): bigint {
  return cachedKeyHash(key) & 0xffffn
}

/** The n-th toy location: storage slot n of a fixed toy contract. */
export function toyLocation(n: number): LocationKey {
  const address = new Uint8Array(20).fill(0x70)
  const slot = new Uint8Array(32)
  slot[28] = (n >>> 24) & 0xff
  slot[29] = (n >>> 16) & 0xff
  slot[30] = (n >>> 8) & 0xff
  slot[31] = n & 0xff
  return storageKey(address, slot)
}

export interface ToyEffects {
  /** Absolute writes. */
  readonly values: Map<LocationKey, bigint>
  /** Increments applied after the absolute writes (mod 2^256). */
  readonly deltas: Map<LocationKey, bigint>
}

/** What transaction `tx` writes, given the values it read (in `spec.reads` order). */
export function toyEffects(tx: number, spec: ToyTransaction, readValues: readonly bigint[]): ToyEffects {
  let h = mix(FNV_OFFSET, BigInt(tx))
  for (const value of readValues) h = mix(h, value)
  const values = new Map<LocationKey, bigint>()
  spec.writes.forEach((key, k) => values.set(key, mix(mix(h, BigInt(k)), cachedKeyHash(key))))
  spec.maybeWrites?.forEach((key, k) => {
    const decider = mix(mix(h, BigInt(1000 + k)), cachedKeyHash(key))
    if ((decider & 1n) === 1n) values.set(key, decider >> 1n)
  })
  const deltas = new Map<LocationKey, bigint>()
  spec.deltas?.forEach((key, k) => {
    const amount = (mix(mix(h, BigInt(2000 + k)), cachedKeyHash(key)) % 1000n) + 1n
    // Every fifth transaction debits instead (wraps mod 2^256), exercising the carries.
    const delta = tx % 5 === 4 ? mod256(-amount) : amount
    deltas.set(key, mod256((deltas.get(key) ?? 0n) + delta))
  })
  return { values, deltas }
}

/** The effective value of a multi-version read: (value or pre-block value) + delta sum. */
export function effectiveValue(key: LocationKey, slot: ReadSlot): bigint {
  const start = slot.kind === 'value' ? wordToBigInt(slot.value) : baseValue(key)
  return slot.hasDelta ? mod256(start + wordToBigInt(slot.deltaSum)) : start
}

/** Puts a transaction's effects into a WriteSet (values, then deltas on top). */
export function fillWriteSet(effects: ToyEffects, writeSet: WriteSet, scratch: Uint8Array = new Uint8Array(WORD_BYTES)): void {
  for (const [key, value] of effects.values) writeSet.setValue(key, bigIntToWord(value, scratch))
  for (const [key, delta] of effects.deltas) writeSet.addDelta(key, bigIntToWord(delta, scratch))
}

/**
 * The oracle: executes the block one transaction after another and returns
 * the final value of every location any transaction wrote.
 */
export function serialExecute(block: ToyBlock): Map<LocationKey, bigint> {
  const state = new Map<LocationKey, bigint>()
  const read = (key: LocationKey): bigint => state.get(key) ?? baseValue(key)
  block.transactions.forEach((spec, tx) => {
    const effects = toyEffects(tx, spec, spec.reads.map(read))
    for (const [key, value] of effects.values) state.set(key, value)
    for (const [key, delta] of effects.deltas) state.set(key, mod256(read(key) + delta))
  })
  return state
}

/** The final values a parallel run committed, in the same form as serialExecute. */
export function committedValues(snapshot: readonly FinalValue[]): Map<LocationKey, bigint> {
  const values = new Map<LocationKey, bigint>()
  for (const final of snapshot) {
    values.set(final.location, final.kind === 'value' ? wordToBigInt(final.value) : mod256(baseValue(final.location) + wordToBigInt(final.deltaSum)))
  }
  return values
}

/** A readable description of the first difference between two final states, or null. */
export function compareFinalValues(expected: ReadonlyMap<LocationKey, bigint>, actual: ReadonlyMap<LocationKey, bigint>): string | null {
  for (const [key, value] of expected) {
    if (!actual.has(key)) return `location ${toyName(key)} missing (expected ${value})`
    if (actual.get(key) !== value) return `location ${toyName(key)}: expected ${value}, got ${actual.get(key)}`
  }
  for (const key of actual.keys()) if (!expected.has(key)) return `location ${toyName(key)} written but serial execution never wrote it`
  return null
}

function toyName(key: LocationKey): string {
  const slot = key.charCodeAt(key.length - 4) * 2 ** 24 + ((key.charCodeAt(key.length - 3) << 16) | (key.charCodeAt(key.length - 2) << 8) | key.charCodeAt(key.length - 1))
  return key.length === 53 ? `#${slot}` : JSON.stringify(key)
}
