/**
 * A transaction's own state inside the VersionedState: the accounts it
 * wrote, the undo journal behind the EVM's checkpoints, and the values it
 * read from below (one consistent value per location). A read checkpoint
 * copies all of it, so `copyTxState` is here, next to the shapes it copies.
 *
 * Byte arrays (storage values, code, hashes) and bigints are never mutated
 * once stored, so a copy shares them; only the containers are new.
 */
import type { LocationKey } from '../../src/shared/locations.js'

/** What the transaction knows about one account (its own writes), with undo support. */
export interface TxAccount {
  readonly address: Uint8Array
  exists: boolean | undefined
  nonce: bigint | undefined
  balance: bigint | undefined
  pendingCredit: bigint
  codeHash: Uint8Array | undefined
  code: Uint8Array | undefined
  storage: Map<string, Uint8Array>
  /** Created or deleted in this transaction: storage before it is gone. */
  storageWiped: boolean
}

export type Undo =
  | { kind: 'account-added'; account: string }
  | { kind: 'fields'; record: TxAccount; snapshot: Omit<TxAccount, 'address' | 'storage' | 'storageWiped'> }
  | { kind: 'slot'; record: TxAccount; slot: string; previous: Uint8Array | undefined }
  | { kind: 'wipe'; record: TxAccount; storage: Map<string, Uint8Array>; storageWiped: boolean }

export interface TxState<PreValue> {
  readonly accounts: Map<string, TxAccount>
  readonly journal: Undo[]
  /** Journal lengths at the EVM's open checkpoints. */
  readonly checkpoints: number[]
  readonly preValues: Map<LocationKey, PreValue>
  /** Storage values at the transaction's start (ethereumjs's originalStorageCache, for SSTORE gas). */
  readonly originals: Map<string, Uint8Array>
}

export function undo(entry: Undo, accounts: Map<string, TxAccount>): void {
  switch (entry.kind) {
    case 'account-added':
      accounts.delete(entry.account)
      return
    case 'fields':
      Object.assign(entry.record, entry.snapshot)
      return
    case 'slot':
      if (entry.previous === undefined) entry.record.storage.delete(entry.slot)
      else entry.record.storage.set(entry.slot, entry.previous)
      return
    case 'wipe':
      entry.record.storage = entry.storage
      entry.record.storageWiped = entry.storageWiped
      return
  }
}

/**
 * A deep copy: new account records (and storage maps), and a journal whose
 * entries point at the new records, so that undoing in the copy (an EVM
 * revert after a resume) restores the copy's records, never the original's.
 */
export function copyTxState<PreValue>(state: TxState<PreValue>): TxState<PreValue> {
  const copies = new Map<TxAccount, TxAccount>()
  const copyOf = (record: TxAccount): TxAccount => {
    let copy = copies.get(record)
    if (copy === undefined) {
      copy = { ...record, storage: new Map(record.storage) }
      copies.set(record, copy)
    }
    return copy
  }
  const accounts = new Map<string, TxAccount>()
  for (const [account, record] of state.accounts) accounts.set(account, copyOf(record))
  const journal = state.journal.map((entry): Undo => {
    switch (entry.kind) {
      case 'account-added':
        return entry
      case 'fields':
        return { kind: 'fields', record: copyOf(entry.record), snapshot: entry.snapshot }
      case 'slot':
        return { kind: 'slot', record: copyOf(entry.record), slot: entry.slot, previous: entry.previous }
      case 'wipe':
        // Copied too: undoing the wipe gives this map back to the record, which then writes into it.
        return { kind: 'wipe', record: copyOf(entry.record), storage: new Map(entry.storage), storageWiped: entry.storageWiped }
    }
  })
  return {
    accounts,
    journal,
    checkpoints: [...state.checkpoints],
    preValues: new Map(state.preValues),
    originals: new Map(state.originals),
  }
}
