/**
 * A shared open-addressing table from location keys to dense location ids
 * (0, 1, 2, ... in order of first use), so that the multi-version memory can
 * keep per-location state in flat arrays.
 *
 * Keys are the project's `LocationKey`s (src/shared/locations.ts): one-byte
 * strings of 21 or 53 bytes. The table stores each key's bytes, so a lookup
 * compares bytes and can never confuse two locations; the hash only chooses
 * where to start probing. The hash is a cheap Murmur3-style mix of the key's
 * characters (no keccak on the lookup path).
 *
 * Layout (one fixed-size SharedArrayBuffer, Int32 words):
 *
 *   word 0  COUNT       ids handed out so far (Atomics.add)
 *   word 1  CAPACITY    most ids this table can hold (written once)
 *   word 2  SLOT_COUNT  number of slots, a power of two >= 2 * CAPACITY (written once)
 *   word 3  (reserved)
 *   word 4  slots[SLOT_COUNT]      EMPTY | CLAIMED | POISONED | id + 1
 *   then    records[CAPACITY], RECORD_WORDS each:
 *             +0 HASH        the key's 32-bit hash (compared before the bytes)
 *             +1 KEY_LENGTH  21 or 53
 *             +2 KEY         the key bytes, zero padded to 56
 *
 * Concurrent insert, lock-free for readers:
 *   1. compareExchange the empty slot EMPTY → CLAIMED (one winner per slot);
 *   2. the winner takes an id with Atomics.add(COUNT), writes the record
 *      (plain stores), then publishes with Atomics.store(slot, id + 1).
 * A reader that loads `id + 1` from a slot (Atomics.load, sequentially
 * consistent) therefore sees the complete record. A reader that meets
 * CLAIMED spins until it is published: the window is a few stores. A loser
 * of the compareExchange re-reads the same slot (it may now hold its own key).
 *
 * Capacity is fixed (the slots cannot be rehashed while other threads probe
 * them): at most CAPACITY ids, with the load factor kept <= 1/2. Going past
 * it throws MVMemoryFullError('locations'); the claimed slot is left POISONED
 * so that no other thread waits for it forever.
 *
 * No per-thread cache in front of it: a Map from key string to id (an
 * earlier version kept one) cost more than it saved. Most locations are
 * looked up a few times per block by one thread, and the Map's hashing,
 * growth and garbage outweighed the probes it spared (1 worker, alternating processes:
 * ERC-20 transfers 0.84× → 0.94× of the reference, plain transfers and
 * mainnet blocks within noise).
 */
import type { LocationKey } from '../src/shared/locations.js'
import { MVMemoryFullError } from './errors.js'

/** Dense id of a location in one block's multi-version memory. */
export type LocationId = number & { readonly __brand: 'LocationId' }

const COUNT = 0
const CAPACITY = 1
const SLOT_COUNT = 2
const SLOTS_AT = 4

const EMPTY = 0
const CLAIMED = -1
const POISONED = -2

const HASH = 0
const KEY_LENGTH = 1
const KEY = 2
const MAX_KEY_BYTES = 56
const RECORD_WORDS = KEY + MAX_KEY_BYTES / 4

export class LocationTable {
  readonly buffer: SharedArrayBuffer
  readonly capacity: number
  private readonly words: Int32Array
  private readonly bytes: Uint8Array
  /** The same bytes as a Buffer view, for flat one-byte key strings (latin1Slice). */
  private readonly latin1: Buffer
  private readonly mask: number
  private readonly recordsAt: number

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer
    this.words = new Int32Array(buffer)
    this.bytes = new Uint8Array(buffer)
    this.latin1 = Buffer.from(buffer)
    this.capacity = Atomics.load(this.words, CAPACITY)
    const slots = Atomics.load(this.words, SLOT_COUNT)
    this.mask = slots - 1
    this.recordsAt = SLOTS_AT + slots
  }

  static create(capacity: number): LocationTable {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1 << 26) {
      throw new RangeError(`capacity.locations must be an integer in [1, 2^26], got ${capacity}`)
    }
    let slots = 2
    while (slots < 2 * capacity) slots *= 2
    const buffer = new SharedArrayBuffer((SLOTS_AT + slots + capacity * RECORD_WORDS) * 4)
    const words = new Int32Array(buffer)
    Atomics.store(words, CAPACITY, capacity)
    Atomics.store(words, SLOT_COUNT, slots)
    return new LocationTable(buffer)
  }

  static attach(buffer: SharedArrayBuffer): LocationTable {
    return new LocationTable(buffer)
  }

  /** Number of ids handed out (all of them complete once no insert is in flight). */
  get count(): number {
    return Math.min(Atomics.load(this.words, COUNT), this.capacity)
  }

  /** The id of `key`, inserting it if it is new. Throws MVMemoryFullError when the table is full. */
  intern(key: LocationKey): LocationId {
    return this.probe(key, true)
  }

  /** The id of `key` if some thread has inserted it, otherwise -1. Never inserts. */
  find(key: LocationKey): LocationId | -1 {
    return this.probe(key, false)
  }

  /**
   * Forgets every key, so that the next block can use this table's memory
   * (already faulted in: a fresh table's slots are touched at random, one
   * page fault per slot page; reuse measured 5-10% faster on blocks of 1,400
   * and 10,000 transfers at one worker). Costs O(ids in use): each id's slot
   * is found again from its hash.
   *
   * Only while no other thread uses the table: its owner calls this between
   * blocks, after every worker of the last block has returned.
   */
  clear(): void {
    const words = this.words
    const count = Atomics.load(words, COUNT)
    if (count > this.capacity) throw new RangeError('a location table that overflowed cannot be reused (a slot is left POISONED)')
    for (let id = 0; id < count; id++) {
      let slot = words[this.recordsAt + id * RECORD_WORDS + HASH]! & this.mask
      // Linear probing put the id at or after its hash's slot; earlier ids' slots may already be empty.
      for (let probes = 0; words[SLOTS_AT + slot] !== id + 1; probes++) {
        if (probes > this.mask) throw new RangeError(`location ${id} has no slot: the table was in use while cleared`)
        slot = (slot + 1) & this.mask
      }
      words[SLOTS_AT + slot] = EMPTY
    }
    Atomics.store(words, COUNT, 0)
  }

  /** The key of an id (allocates; for snapshots and reports). */
  keyOf(id: LocationId): LocationKey {
    const record = this.recordsAt + id * RECORD_WORDS
    const length = this.words[record + KEY_LENGTH]!
    const start = (record + KEY) * 4
    // Written by fill() from a well-formed key: its bytes are one-byte characters (a flat string, no copy through an array).
    return this.latin1.toString('latin1', start, start + length) as LocationKey
  }

  private probe(key: string, insert: boolean): LocationId {
    const length = key.length
    if (length > MAX_KEY_BYTES) throw new RangeError(`location keys have at most ${MAX_KEY_BYTES} bytes, got ${length}`)
    const hash = hashKey(key)
    const words = this.words
    let slot = hash & this.mask
    for (;;) {
      const at = SLOTS_AT + slot
      const state = Atomics.load(words, at)
      if (state > 0) {
        const id = state - 1
        if (this.matches(id, key, hash)) return id as LocationId
        slot = (slot + 1) & this.mask
      } else if (state === EMPTY) {
        if (!insert) return -1 as LocationId
        if (Atomics.compareExchange(words, at, EMPTY, CLAIMED) === EMPTY) return this.fill(at, key, hash)
        // Lost the race for this slot: loop and look at what the winner put there.
      } else if (state === POISONED) {
        throw new MVMemoryFullError('locations', this.capacity)
      }
      // CLAIMED: another thread is writing this slot's record; re-read it.
    }
  }

  private fill(slotAt: number, key: string, hash: number): LocationId {
    const words = this.words
    const id = Atomics.add(words, COUNT, 1)
    if (id >= this.capacity) {
      Atomics.store(words, slotAt, POISONED)
      throw new MVMemoryFullError('locations', this.capacity)
    }
    const record = this.recordsAt + id * RECORD_WORDS
    words[record + HASH] = hash
    words[record + KEY_LENGTH] = key.length
    const bytes = this.bytes
    const start = (record + KEY) * 4
    for (let i = 0; i < key.length; i++) bytes[start + i] = key.charCodeAt(i)
    Atomics.store(words, slotAt, id + 1) // publish: the record above is visible to whoever loads this
    return id as LocationId
  }

  private matches(id: number, key: string, hash: number): boolean {
    const record = this.recordsAt + id * RECORD_WORDS
    const words = this.words
    if (words[record + HASH] !== hash || words[record + KEY_LENGTH] !== key.length) return false
    const bytes = this.bytes
    const start = (record + KEY) * 4
    for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key.charCodeAt(i)) return false
    return true
  }
}

/** Murmur3-style 32-bit hash of a one-byte string, four characters per round. */
export function hashKey(key: string): number {
  const length = key.length
  let h = 0x9747b28c ^ length
  let i = 0
  for (; i + 4 <= length; i += 4) {
    let k = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 8) | (key.charCodeAt(i + 2) << 16) | (key.charCodeAt(i + 3) << 24)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, 0x1b873593)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let k = 0
  for (let shift = 0; i < length; i++, shift += 8) k |= key.charCodeAt(i) << shift
  k = Math.imul(k, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  h ^= Math.imul(k, 0x1b873593)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}
