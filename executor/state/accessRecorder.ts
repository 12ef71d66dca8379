/**
 * Records each transaction's actual read set and write set as granular
 * locations (the keys of `src/shared/locations.ts`), so that later issues can
 * compare predicted with actual accesses and replay a block's real
 * dependency structure in the simulator.
 *
 * - A **read** is a location whose value from before the transaction was
 *   observed: read before the transaction wrote it. Reading a missing
 *   account reads its balance, nonce and code (any of them would make it
 *   exist). Reads inside reverted calls count: they steered execution.
 * - A **write** is a location whose value after the transaction differs from
 *   its value before (net effect; reverted and same-value writes drop out).
 */
import {
  type LocationKey,
  LocationKind,
  accountFieldKey,
  addressChars,
  balanceKey,
  codeKey,
  kindOf,
  nonceKey,
  storageKey,
  storageKeyFromChars,
} from '../../src/shared/locations.js'

export interface TxAccess {
  readonly reads: ReadonlySet<LocationKey>
  readonly writes: ReadonlySet<LocationKey>
}

/** The recorder asks the state for a location's current value, in any comparable form. */
export interface ValueSource {
  valueAt(key: LocationKey): string
}

interface WrittenAccount {
  readonly base: { readonly storage: ReadonlyMap<string, Uint8Array> } | undefined
  readonly storage: ReadonlyMap<string, Uint8Array>
}

export class AccessRecorder {
  private reads = new Set<LocationKey>()
  /** Location → its value before the transaction, captured at the first write. */
  private before = new Map<LocationKey, string>()

  constructor(private readonly state: ValueSource) {}

  beginTransaction(): void {
    this.reads = new Set()
    this.before = new Map()
  }

  endTransaction(): TxAccess {
    const writes = new Set<LocationKey>()
    for (const [key, before] of this.before) {
      if (this.state.valueAt(key) !== before) writes.add(key)
    }
    return { reads: this.reads, writes }
  }

  readBalance(address: Uint8Array): void {
    this.read(balanceKey(address))
  }
  readNonce(address: Uint8Array): void {
    this.read(nonceKey(address))
  }
  readCode(address: Uint8Array): void {
    this.read(codeKey(address))
  }
  readStorage(address: Uint8Array, slot: Uint8Array): void {
    this.read(storageKey(address, slot))
  }
  readMissingAccount(address: Uint8Array): void {
    this.readBalance(address)
    this.readNonce(address)
    this.readCode(address)
  }

  /** Called before the state changes an account's fields (existence, nonce, balance, code). */
  wroteAccount(address: Uint8Array): void {
    const account = addressChars(address)
    this.willWrite(accountFieldKey(LocationKind.Balance, account))
    this.willWrite(accountFieldKey(LocationKind.Nonce, account))
    this.willWrite(accountFieldKey(LocationKind.Code, account))
  }

  wroteStorage(address: Uint8Array, slot: Uint8Array): void {
    this.willWrite(storageKey(address, slot))
  }

  /** Every slot the account is known to have becomes a write candidate. */
  clearedStorage(address: Uint8Array, record: WrittenAccount): void {
    const account = addressChars(address)
    for (const slot of record.storage.keys()) this.willWrite(storageKeyFromChars(account, slot))
    if (record.base !== undefined) {
      for (const slot of record.base.storage.keys()) this.willWrite(storageKeyFromChars(account, slot))
    }
  }

  private read(key: LocationKey): void {
    if (!this.before.has(key)) this.reads.add(key)
  }

  private willWrite(key: LocationKey): void {
    if (!this.before.has(key)) this.before.set(key, this.state.valueAt(key))
  }
}

export function isAccountField(key: LocationKey): boolean {
  return kindOf(key) !== LocationKind.Storage
}
