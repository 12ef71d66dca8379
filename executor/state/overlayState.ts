/**
 * The sequential reference's state: an in-memory overlay over the immutable
 * pre-block state, with an undo journal for the EVM's nested checkpoints.
 *
 * Why not ethereumjs's own state managers: `SimpleStateManager` copies its
 * whole account and storage maps at every checkpoint (one per call frame),
 * and its `deleteAccount` leaves code and storage behind; the Merkle state
 * manager hashes and RLP-encodes on every access. Here a checkpoint is a
 * journal length, a write is one Map update plus one undo record, and a read
 * of an untouched account goes straight to the pre-state. `npm run
 * bench:state` measures the three against each other.
 *
 * Semantics follow ethereumjs's Merkle state manager (the one its tests and
 * the client use): code is looked up by the account's code hash, deleting an
 * account deletes its code and storage, zero storage values are stored as the
 * empty array, and `putAccount(address, undefined)` deletes.
 *
 * Keys: addresses and slots as one-byte strings (`addressChars`,
 * `slotChars` from the location-key module), not hex: building a 20-char
 * string from bytes is several times cheaper than `bytesToHex`.
 */
import type { AccountFields, StateManagerInterface } from '@ethereumjs/common'
import { Account, type Address, KECCAK256_RLP } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

import { nativeKeccak256 } from '../../src/chain/crypto/nativeCrypto.js'
import { oneByteString, stripLeadingZeros } from '../../src/shared/bytes.js'
import { canonicalCode } from '../evm/canonicalCode.js'
import {
  type LocationKey,
  LocationKind,
  accountCharsOf,
  addressBytesOf,
  addressChars,
  addressOf,
  kindOf,
  slotChars,
  slotOf,
} from '../../src/shared/locations.js'
import { type AccountState, EMPTY_CODE_HASH, type PreState } from '../../src/shared/preState.js'
import type { AccessRecorder, ValueSource } from './accessRecorder.js'
import { TrackedAccount } from './trackedAccount.js'

const EMPTY = new Uint8Array(0)
const keccak256 = nativeKeccak256() ?? keccak_256
/** Any 32 bytes other than the empty-trie root: "this account has storage" (EIP-7610 collision check). */
const NON_EMPTY_STORAGE_ROOT = new Uint8Array(32).fill(0xee)
/** Pre-Byzantium receipts carry an intermediate state root; the partial pre-state cannot produce it. */
const UNKNOWN_STATE_ROOT = new Uint8Array(32)

/** An account that the block has written to (the overlay's unit). */
export interface AccountRecord {
  readonly address: Uint8Array
  exists: boolean
  nonce: bigint
  balance: bigint
  codeHash: Uint8Array
  /** Slot → value written during the block; the empty array is zero. */
  storage: Map<string, Uint8Array>
  /** True once the account was deleted or re-created: its pre-state storage no longer shows through. */
  storageCleared: boolean
  readonly base: AccountState | undefined
}

type UndoEntry =
  | { kind: 'record-created'; account: string }
  | { kind: 'fields'; record: AccountRecord; exists: boolean; nonce: bigint; balance: bigint; codeHash: Uint8Array }
  | { kind: 'slot'; record: AccountRecord; slot: string; previous: Uint8Array | undefined }
  | { kind: 'storage-cleared'; record: AccountRecord; storage: Map<string, Uint8Array>; storageCleared: boolean }

export class OverlayState implements StateManagerInterface, ValueSource {
  readonly records = new Map<string, AccountRecord>()
  /** Code by code hash (32 one-byte chars), for every code in the pre-state or deployed since. */
  readonly codeByHash = new Map<string, Uint8Array>()
  private readonly journal: UndoEntry[] = []
  private readonly checkpoints: number[] = []
  private recorder: AccessRecorder | undefined

  readonly originalStorageCache: { get(address: Address, key: Uint8Array): Promise<Uint8Array>; clear(): void }

  constructor(readonly base: PreState) {
    for (const account of base.values()) {
      if (account.code.length > 0) {
        const hash = hashChars(account.codeHash)
        this.codeByHash.set(hash, canonicalCode(hash, account.code))
      }
    }
    const originals = new Map<string, Uint8Array>()
    this.originalStorageCache = {
      get: async (address, key) => {
        const id = addressChars(address.bytes) + slotChars(key)
        let value = originals.get(id)
        if (value === undefined) {
          value = this.storageAt(address.bytes, key)
          originals.set(id, value)
        }
        return value
      },
      clear: () => originals.clear(),
    }
  }

  /** Record every transaction's reads and writes from now on (off by default: it costs time). */
  recordAccesses(recorder: AccessRecorder | undefined): void {
    this.recorder = recorder
  }

  // ---- accounts -------------------------------------------------------------

  async getAccount(address: Address): Promise<Account | undefined> {
    const account = addressChars(address.bytes)
    const record = this.records.get(account)
    let nonce: bigint, balance: bigint, codeHash: Uint8Array
    if (record !== undefined) {
      if (!record.exists) {
        this.recorder?.readMissingAccount(address.bytes)
        return undefined
      }
      ;({ nonce, balance, codeHash } = record)
    } else {
      const base = this.base.get(account)
      if (base === undefined) {
        this.recorder?.readMissingAccount(address.bytes)
        return undefined
      }
      ;({ nonce, balance, codeHash } = base)
    }
    if (this.recorder !== undefined) {
      return new TrackedAccount(nonce, balance, codeHash, address.bytes, this.recorder, () => this.hasStorage(account))
    }
    return new Account(nonce, balance, this.hasStorage(account) ? NON_EMPTY_STORAGE_ROOT : KECCAK256_RLP, codeHash)
  }

  async putAccount(address: Address, account?: Account): Promise<void> {
    if (account === undefined) return this.deleteAccount(address)
    const record = this.writableRecord(address.bytes)
    if (!record.exists) this.clearStorageOf(record)
    this.setFields(record, true, account.nonce, account.balance, account.codeHash)
  }

  async deleteAccount(address: Address): Promise<void> {
    const record = this.writableRecord(address.bytes)
    this.setFields(record, false, 0n, 0n, EMPTY_CODE_HASH)
    this.clearStorageOf(record)
  }

  async modifyAccountFields(address: Address, fields: AccountFields): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account()
    if (fields.nonce !== undefined) account.nonce = fields.nonce
    if (fields.balance !== undefined) account.balance = fields.balance
    if (fields.codeHash !== undefined) account.codeHash = fields.codeHash
    if (fields.storageRoot !== undefined) account.storageRoot = fields.storageRoot
    await this.putAccount(address, account)
  }

  // ---- code -----------------------------------------------------------------

  async putCode(address: Address, code: Uint8Array): Promise<void> {
    const codeHash = keccak256(code)
    const hash = hashChars(codeHash)
    this.codeByHash.set(hash, canonicalCode(hash, code))
    const record = this.writableRecord(address.bytes)
    if (!record.exists) this.clearStorageOf(record)
    this.setFields(record, true, record.nonce, record.balance, codeHash)
  }

  async getCode(address: Address): Promise<Uint8Array> {
    this.recorder?.readCode(address.bytes)
    return this.codeOf(address.bytes)
  }

  async getCodeSize(address: Address): Promise<number> {
    return (await this.getCode(address)).length
  }

  codeOf(address: Uint8Array): Uint8Array {
    const account = addressChars(address)
    const record = this.records.get(account)
    const codeHash = record !== undefined ? (record.exists ? record.codeHash : EMPTY_CODE_HASH) : this.base.get(account)?.codeHash
    if (codeHash === undefined || codeHash === EMPTY_CODE_HASH) return EMPTY
    return this.codeByHash.get(hashChars(codeHash)) ?? EMPTY
  }

  // ---- storage --------------------------------------------------------------

  async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    this.recorder?.readStorage(address.bytes, key)
    return this.storageAt(address.bytes, key)
  }

  storageAt(address: Uint8Array, key: Uint8Array): Uint8Array {
    const account = addressChars(address)
    const slot = slotChars(key)
    const record = this.records.get(account)
    if (record !== undefined) {
      const written = record.storage.get(slot)
      if (written !== undefined) return written
      if (record.storageCleared) return EMPTY
    }
    return this.base.get(account)?.storage.get(slot) ?? EMPTY
  }

  async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const record = this.writableRecord(address.bytes)
    const slot = slotChars(key)
    this.journal.push({ kind: 'slot', record, slot, previous: record.storage.get(slot) })
    this.recorder?.wroteStorage(address.bytes, key) // before the change: it captures the value before the transaction
    record.storage.set(slot, stripLeadingZeros(value))
  }

  async clearStorage(address: Address): Promise<void> {
    this.clearStorageOf(this.writableRecord(address.bytes))
  }

  // ---- checkpoints ------------------------------------------------------------

  async checkpoint(): Promise<void> {
    this.checkpoints.push(this.journal.length)
  }

  async commit(): Promise<void> {
    this.checkpoints.pop()
    // With no checkpoint left nothing can be reverted: drop the undo records.
    if (this.checkpoints.length === 0) this.journal.length = 0
  }

  async revert(): Promise<void> {
    const mark = this.checkpoints.pop()
    if (mark === undefined) throw new Error('revert without a checkpoint')
    for (let i = this.journal.length - 1; i >= mark; i--) undo(this.journal[i]!, this.records)
    this.journal.length = mark
  }

  async flush(): Promise<void> {}
  clearCaches(): void {}

  async getStateRoot(): Promise<Uint8Array> {
    return UNKNOWN_STATE_ROOT
  }
  async setStateRoot(): Promise<void> {
    throw new Error('OverlayState has no state trie: it cannot set a state root')
  }
  async hasStateRoot(): Promise<boolean> {
    throw new Error('OverlayState has no state trie')
  }
  shallowCopy(): StateManagerInterface {
    throw new Error('OverlayState cannot be shallow-copied')
  }

  /** A location's current value as a comparable string (the access recorder's `ValueSource`). */
  valueAt(key: LocationKey): string {
    const address = addressOf(key)
    const record = this.records.get(accountCharsOf(key))
    const base = this.base.get(accountCharsOf(key))
    const exists = record !== undefined ? record.exists : base !== undefined
    switch (kindOf(key)) {
      case LocationKind.Balance:
        return exists ? (record ?? base)!.balance.toString(16) : 'none'
      case LocationKind.Nonce:
        return exists ? (record ?? base)!.nonce.toString(16) : 'none'
      case LocationKind.Code:
        return exists ? hashChars((record ?? base)!.codeHash) : 'none'
      default:
        return Buffer.from(this.storageAt(address, slotOf(key))).toString('hex')
    }
  }

  /** Every pre-state account plus every account created, as they are now; deleted ones are absent. */
  postState(): Map<string, AccountState> {
    const accounts = new Map<string, AccountState>()
    for (const [account, base] of this.base) {
      if (!this.records.has(account)) accounts.set(account, base)
    }
    for (const [account, record] of this.records) {
      if (record.exists) accounts.set(account, this.accountState(record))
    }
    return accounts
  }

  private accountState(record: AccountRecord): AccountState {
    const storage = new Map<string, Uint8Array>()
    if (!record.storageCleared && record.base !== undefined) {
      for (const [slot, value] of record.base.storage) storage.set(slot, value)
    }
    for (const [slot, value] of record.storage) storage.set(slot, value)
    const code = this.codeOf(record.address)
    return { address: record.address, balance: record.balance, nonce: record.nonce, code, codeHash: record.codeHash, storage }
  }

  /**
   * The account's record for writing final values directly — the parallel
   * engine applies each written location of the block once, after all
   * transactions: no Account objects, no journal entries per field.
   */
  recordForFinalWrites(account: string): AccountRecord {
    return this.records.get(account) ?? this.writableRecord(addressBytesOf(account))
  }

  /** Makes `code` known by its hash (for a code location written by a transaction). */
  registerCode(codeHash: Uint8Array, code: Uint8Array): void {
    const hash = hashChars(codeHash)
    this.codeByHash.set(hash, canonicalCode(hash, code))
  }

  /** Only the accounts written so far, as they are now (for layering over the pre-state). */
  changedAccounts(): Map<string, AccountState> {
    const changed = new Map<string, AccountState>()
    for (const [account, record] of this.records) {
      if (record.exists) changed.set(account, this.accountState(record))
    }
    return changed
  }

  // ---- internals ----------------------------------------------------------------

  private writableRecord(address: Uint8Array): AccountRecord {
    const account = addressChars(address)
    let record = this.records.get(account)
    if (record === undefined) {
      const base = this.base.get(account)
      record = {
        address,
        exists: base !== undefined,
        nonce: base?.nonce ?? 0n,
        balance: base?.balance ?? 0n,
        codeHash: base?.codeHash ?? EMPTY_CODE_HASH,
        storage: new Map(),
        storageCleared: false,
        base,
      }
      this.records.set(account, record)
      this.journal.push({ kind: 'record-created', account })
    }
    return record
  }

  private setFields(record: AccountRecord, exists: boolean, nonce: bigint, balance: bigint, codeHash: Uint8Array): void {
    this.journal.push({ kind: 'fields', record, exists: record.exists, nonce: record.nonce, balance: record.balance, codeHash: record.codeHash })
    this.recorder?.wroteAccount(record.address)
    record.exists = exists
    record.nonce = nonce
    record.balance = balance
    record.codeHash = codeHash
  }

  private clearStorageOf(record: AccountRecord): void {
    if (record.storageCleared && record.storage.size === 0) return
    this.journal.push({ kind: 'storage-cleared', record, storage: record.storage, storageCleared: record.storageCleared })
    this.recorder?.clearedStorage(record.address, record)
    record.storage = new Map()
    record.storageCleared = true
  }

  /** Whether the account has any non-zero slot we know of (EIP-7610's "non-empty storage"). */
  private hasStorage(account: string): boolean {
    const record = this.records.get(account)
    if (record !== undefined) {
      for (const value of record.storage.values()) if (value.length > 0) return true
      if (record.storageCleared) return false
    }
    const base = this.base.get(account)
    if (base === undefined) return false
    for (const [slot, value] of base.storage) {
      if (value.length > 0 && record?.storage.get(slot) === undefined) return true
    }
    return false
  }
}

function undo(entry: UndoEntry, records: Map<string, AccountRecord>): void {
  switch (entry.kind) {
    case 'record-created':
      records.delete(entry.account)
      return
    case 'fields':
      entry.record.exists = entry.exists
      entry.record.nonce = entry.nonce
      entry.record.balance = entry.balance
      entry.record.codeHash = entry.codeHash
      return
    case 'slot':
      if (entry.previous === undefined) entry.record.storage.delete(entry.slot)
      else entry.record.storage.set(entry.slot, entry.previous)
      return
    case 'storage-cleared':
      entry.record.storage = entry.storage
      entry.record.storageCleared = entry.storageCleared
      return
  }
}

export const hashChars = oneByteString

