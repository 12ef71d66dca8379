/**
 * The pre-block state as an immutable shared table: built once per block by
 * the main thread, read by every worker without copying.
 *
 * Keys are location keys, interned in the scheduler's shared `LocationTable`
 * (dense ids); values live in flat SharedArrayBuffers indexed by id:
 *
 *   words[id]      32 bytes: balance, nonce, storage value, or code hash
 *   codeRefs[id]   Int32 (offset, length) into `code` — code locations only
 *   flags[id]      HAS_STORAGE on an account's code location when its
 *                  pre-state has a non-zero slot
 *   slotRanges[id] (start, count) into slotIds: the account's non-zero slots,
 *                  which a deletion of the account must zero
 *
 * Existence: an account exists before the block exactly when its code
 * location is in the table (accounts without code carry the empty-code hash).
 *
 * The table is built once per block from the pre-state (like the reference's
 * parsing of pre_state.json, this is loading: `baseStateOf` caches it). The
 * block-start rules (beacon-root system call, DAO fork) write a handful of
 * locations before the transactions: those go into a small overrides table
 * read first. Block-start rules only add or change accounts, never delete
 * them, so an override never has to hide a pre-state account.
 */
import { LocationTable } from '../../scheduler/locationTable.js'
import { oneByteString } from '../../src/shared/bytes.js'
import { canonicalCode, knownCode } from '../evm/canonicalCode.js'
import { type LocationKey, LocationKind, accountFieldKey, storageKeyFromChars } from '../../src/shared/locations.js'
import { type PreState, bigintToBytes } from '../../src/shared/preState.js'

const WORD = 32
export const HAS_STORAGE = 1 << 0

export interface BaseStateBuffers {
  /** The block-start writes (system calls, DAO fork), read before the pre-state; absent when there are none. */
  readonly overrides?: BaseStateBuffers
  readonly table: SharedArrayBuffer
  readonly words: SharedArrayBuffer
  readonly codeRefs: SharedArrayBuffer
  readonly flags: SharedArrayBuffer
  readonly code: SharedArrayBuffer
  /** Storage location ids of each account's non-zero pre-state slots, grouped by account. */
  readonly slotIds: SharedArrayBuffer
  /** Per code-location id: (start, count) into slotIds. */
  readonly slotRanges: SharedArrayBuffer
}

export class BaseState {
  private readonly words: Uint8Array
  private readonly codeRefs: Int32Array
  private readonly flags: Uint8Array
  private readonly codeBytes: Uint8Array
  /** Per-thread cache of keys the table does not have (it never changes, so a miss stays a miss). */
  private readonly missing = new Set<string>()
  /** Per-thread cache of codes by id: one array per code (see canonicalCode). */
  private readonly codeViews = new Map<number, Uint8Array>()

  private readonly overrides: BaseState | undefined

  private constructor(
    readonly buffers: BaseStateBuffers,
    private readonly table: LocationTable,
  ) {
    this.overrides = buffers.overrides === undefined ? undefined : BaseState.attach(buffers.overrides)
    this.words = new Uint8Array(buffers.words)
    this.codeRefs = new Int32Array(buffers.codeRefs)
    this.flags = new Uint8Array(buffers.flags)
    this.codeBytes = new Uint8Array(buffers.code)
  }

  /** The same table with `changes` (accounts written before the transactions) layered on top. */
  withOverrides(changes: PreState): BaseState {
    if (changes.size === 0) return this
    return new BaseState({ ...this.buffers, overrides: BaseState.build(changes).buffers }, this.table)
  }

  static build(preState: PreState): BaseState {
    let locations = 0
    let codeBytes = 0
    let storedSlots = 0
    for (const account of preState.values()) {
      locations += 3 + account.storage.size
      codeBytes += account.code.length
      storedSlots += account.storage.size
    }
    const table = LocationTable.create(Math.max(locations, 1))
    const buffers: BaseStateBuffers = {
      table: table.buffer,
      words: new SharedArrayBuffer(Math.max(locations, 1) * WORD),
      codeRefs: new SharedArrayBuffer(Math.max(locations, 1) * 8),
      flags: new SharedArrayBuffer(Math.max(locations, 1)),
      code: new SharedArrayBuffer(Math.max(codeBytes, 1)),
      slotIds: new SharedArrayBuffer(Math.max(storedSlots, 1) * 4),
      slotRanges: new SharedArrayBuffer(Math.max(locations, 1) * 8),
    }
    const base = new BaseState(buffers, table)
    let codeAt = 0
    let slotAt = 0
    const slotIds = new Int32Array(buffers.slotIds)
    const slotRanges = new Int32Array(buffers.slotRanges)
    for (const [account, state] of preState) {
      base.put(accountFieldKey(LocationKind.Balance, account), bigintToBytes(state.balance, WORD))
      base.put(accountFieldKey(LocationKind.Nonce, account), bigintToBytes(state.nonce, WORD))
      const codeId = base.put(accountFieldKey(LocationKind.Code, account), state.codeHash)
      base.codeBytes.set(state.code, codeAt)
      base.codeRefs[2 * codeId] = codeAt
      base.codeRefs[2 * codeId + 1] = state.code.length
      codeAt += state.code.length
      slotRanges[2 * codeId] = slotAt
      for (const [slot, value] of state.storage) {
        const word = new Uint8Array(WORD)
        word.set(value, WORD - value.length)
        const id = base.put(storageKeyFromChars(account, slot), word)
        if (value.length > 0) slotIds[slotAt++] = id
      }
      slotRanges[2 * codeId + 1] = slotAt - slotRanges[2 * codeId]!
      if (slotRanges[2 * codeId + 1]! > 0) base.flags[codeId] = HAS_STORAGE
    }
    return base
  }

  static attach(buffers: BaseStateBuffers): BaseState {
    return new BaseState(buffers, LocationTable.attach(buffers.table))
  }

  /** Copies the location's pre-block word into `into`; false (and zeros) when the table lacks it. */
  readWord(key: LocationKey, into: Uint8Array): boolean {
    if (this.overrides?.readWord(key, into) === true) return true
    const id = this.find(key)
    if (id === -1) {
      into.fill(0)
      return false
    }
    into.set(this.words.subarray(id * WORD, id * WORD + WORD))
    return true
  }

  /** Whether the account existed before the block (its code location is in the table). */
  accountExists(codeKey: LocationKey): boolean {
    if (this.overrides?.accountExists(codeKey) === true) return true
    return this.find(codeKey) !== -1
  }

  /** The pre-block code of a code location (empty when absent). */
  code(codeKey: LocationKey): Uint8Array {
    if (this.overrides?.accountExists(codeKey) === true) return this.overrides.code(codeKey)
    const id = this.find(codeKey)
    if (id === -1) return EMPTY
    let view = this.codeViews.get(id)
    if (view === undefined) {
      const hash = oneByteString(this.words.subarray(id * WORD, id * WORD + WORD))
      const offset = this.codeRefs[2 * id]!
      view = knownCode(hash) ?? canonicalCode(hash, this.codeBytes.slice(offset, offset + this.codeRefs[2 * id + 1]!))
      this.codeViews.set(id, view)
    }
    return view
  }

  /** The storage keys of the account's non-zero pre-state slots (overrides included). */
  storageKeys(codeKey: LocationKey): LocationKey[] {
    const keys = this.overrides?.storageKeys(codeKey) ?? []
    const id = this.find(codeKey)
    if (id === -1) return keys
    const ranges = new Int32Array(this.buffers.slotRanges)
    const ids = new Int32Array(this.buffers.slotIds)
    const start = ranges[2 * id]!
    for (let i = start; i < start + ranges[2 * id + 1]!; i++) keys.push(this.table.keyOf(ids[i]! as never))
    return keys
  }

  hasStorage(codeKey: LocationKey): boolean {
    if (this.overrides?.hasStorage(codeKey) === true) return true
    const id = this.find(codeKey)
    return id !== -1 && (this.flags[id]! & HAS_STORAGE) !== 0
  }

  private find(key: LocationKey): number {
    if (this.missing.has(key)) return -1
    const id = this.table.find(key)
    if (id === -1) this.missing.add(key)
    return id
  }

  private put(key: LocationKey, word: Uint8Array): number {
    const id = this.table.intern(key)
    this.words.set(word, id * WORD + (WORD - word.length))
    return id
  }
}

const EMPTY = new Uint8Array(0)

const builtBases = new WeakMap<PreState, BaseState>()

/** The shared table of a pre-state, built on first use and kept with it (the loading step of the parallel engine). */
export function baseStateOf(preState: PreState): BaseState {
  let base = builtBases.get(preState)
  if (base === undefined) {
    base = BaseState.build(preState)
    builtBases.set(preState, base)
  }
  return base
}
