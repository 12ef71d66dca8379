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
 *                  pre-state lists storage (so that wiping it needs care)
 *
 * Existence: an account exists before the block exactly when its code
 * location is in the table (accounts without code carry the empty-code hash).
 */
import { LocationTable } from '../../scheduler/locationTable.js'
import { type LocationKey, LocationKind, accountFieldKey, storageKeyFromChars } from '../../src/shared/locations.js'
import { type PreState, bigintToBytes } from '../../src/shared/preState.js'

const WORD = 32
export const HAS_STORAGE = 1 << 0

export interface BaseStateBuffers {
  readonly table: SharedArrayBuffer
  readonly words: SharedArrayBuffer
  readonly codeRefs: SharedArrayBuffer
  readonly flags: SharedArrayBuffer
  readonly code: SharedArrayBuffer
}

export class BaseState {
  private readonly words: Uint8Array
  private readonly codeRefs: Int32Array
  private readonly flags: Uint8Array
  private readonly codeBytes: Uint8Array
  /** Per-thread cache of code views, so that the EVM's jump-destination cache sees one array per code. */
  private readonly codeViews = new Map<number, Uint8Array>()

  private constructor(
    readonly buffers: BaseStateBuffers,
    private readonly table: LocationTable,
  ) {
    this.words = new Uint8Array(buffers.words)
    this.codeRefs = new Int32Array(buffers.codeRefs)
    this.flags = new Uint8Array(buffers.flags)
    this.codeBytes = new Uint8Array(buffers.code)
  }

  static build(preState: PreState): BaseState {
    let locations = 0
    let codeBytes = 0
    for (const account of preState.values()) {
      locations += 3 + account.storage.size
      codeBytes += account.code.length
    }
    const table = LocationTable.create(Math.max(locations, 1))
    const buffers: BaseStateBuffers = {
      table: table.buffer,
      words: new SharedArrayBuffer(Math.max(locations, 1) * WORD),
      codeRefs: new SharedArrayBuffer(Math.max(locations, 1) * 8),
      flags: new SharedArrayBuffer(Math.max(locations, 1)),
      code: new SharedArrayBuffer(Math.max(codeBytes, 1)),
    }
    const base = new BaseState(buffers, table)
    let codeAt = 0
    for (const [account, state] of preState) {
      base.put(accountFieldKey(LocationKind.Balance, account), bigintToBytes(state.balance, WORD))
      base.put(accountFieldKey(LocationKind.Nonce, account), bigintToBytes(state.nonce, WORD))
      const codeId = base.put(accountFieldKey(LocationKind.Code, account), state.codeHash)
      base.codeBytes.set(state.code, codeAt)
      base.codeRefs[2 * codeId] = codeAt
      base.codeRefs[2 * codeId + 1] = state.code.length
      codeAt += state.code.length
      if (state.storage.size > 0) base.flags[codeId] = HAS_STORAGE
      for (const [slot, value] of state.storage) {
        const word = new Uint8Array(WORD)
        word.set(value, WORD - value.length)
        base.put(storageKeyFromChars(account, slot), word)
      }
    }
    return base
  }

  static attach(buffers: BaseStateBuffers): BaseState {
    return new BaseState(buffers, LocationTable.attach(buffers.table))
  }

  /** Copies the location's pre-block word into `into`; false (and zeros) when the table lacks it. */
  readWord(key: LocationKey, into: Uint8Array): boolean {
    const id = this.table.find(key)
    if (id === -1) {
      into.fill(0)
      return false
    }
    into.set(this.words.subarray(id * WORD, id * WORD + WORD))
    return true
  }

  /** Whether the account existed before the block (its code location is in the table). */
  accountExists(codeKey: LocationKey): boolean {
    return this.table.find(codeKey) !== -1
  }

  /** The pre-block code of a code location (empty when absent). */
  code(codeKey: LocationKey): Uint8Array {
    const id = this.table.find(codeKey)
    if (id === -1) return EMPTY
    let view = this.codeViews.get(id)
    if (view === undefined) {
      const offset = this.codeRefs[2 * id]!
      view = this.codeBytes.slice(offset, offset + this.codeRefs[2 * id + 1]!)
      this.codeViews.set(id, view)
    }
    return view
  }

  hasStorage(codeKey: LocationKey): boolean {
    const id = this.table.find(codeKey)
    return id !== -1 && (this.flags[id]! & HAS_STORAGE) !== 0
  }

  private put(key: LocationKey, word: Uint8Array): number {
    const id = this.table.intern(key)
    this.words.set(word, id * WORD + (WORD - word.length))
    return id
  }
}

const EMPTY = new Uint8Array(0)
