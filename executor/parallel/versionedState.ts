/**
 * A worker's state for one incarnation of one transaction: the EVM's
 * `StateManagerInterface` over
 *
 *   the transaction's own writes (journaled, for the EVM's checkpoints)
 *     → the multi-version memory (highest write below this transaction)
 *       → the pre-block base table.
 *
 * Every value fetched from below the transaction's own writes is recorded in
 * the read set once per location (and cached, so that the transaction sees
 * one consistent value per location). A read that meets an ESTIMATE throws
 * `BlockedRead`, which escapes runTx and aborts the incarnation. At the end,
 * `collectWrites` turns the transaction's net writes into the write set:
 * full values, or DELTAs for lazy credits.
 *
 * Encoding in the multi-version memory: balances, nonces and storage are
 * 32-byte words; an account's code location holds its code hash and doubles
 * as its existence: the all-zero word means "no account" (written when an
 * account is deleted). Existence and code change together (creation,
 * deletion), so this costs no extra conflicts.
 *
 * Cases this view does not model throw `SequentialFallback` (the block is
 * then executed sequentially, visibly): wiping the storage of an account that
 * had storage before the transaction (pre-Cancun SELFDESTRUCT of an existing
 * contract, re-creation over storage) and balances that overflow 256 bits.
 */
import type { AccountFields, StateManagerInterface } from '@ethereumjs/common'
import { Account, type Address, KECCAK256_NULL } from '@ethereumjs/util'

import type { MVMemory } from '../../scheduler/mvmemory.js'
import { MVMemoryFullError } from '../../scheduler/errors.js'
import { type RecordedReads, ReadSet, ReadSlot } from '../../scheduler/readSet.js'
import { WriteSet } from '../../scheduler/writeSet.js'
import { wordToBigInt } from '../../scheduler/word256.js'
import { nativeKeccak256 } from '../../src/chain/crypto/nativeCrypto.js'
import { type LocationKey, LocationKind, accountFieldKey, addressChars, slotChars, storageKeyFromChars } from '../../src/shared/locations.js'
import { EMPTY_CODE_HASH, bigintToBytes } from '../../src/shared/preState.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { equalBytes, oneByteString, stripLeadingZeros } from '../../src/shared/bytes.js'
import { canonicalCode, knownCode } from '../evm/canonicalCode.js'
import type { BaseState } from './baseState.js'
import type { WorkerFaults } from './workerTask.js'
import { BlockedRead, SequentialFallback, StaleRead } from './signals.js'
import { type TxAccount, type TxState, type Undo, copyTxState, undo } from './transactionState.js'
import { type AccountFieldSource, DIRTY_BALANCE, DIRTY_CODE_HASH, DIRTY_NONCE, VersionedAccount } from './versionedAccount.js'

const EMPTY = new Uint8Array(0)
const WORD = 32
const MAX_WORD = (1n << 256n) - 1n
const NO_ACCOUNT = new Uint8Array(32)
const ONE = bigintToBytes(1n, 32)
const keccak256 = nativeKeccak256() ?? keccak_256

/** A code location's value as read: existence, code hash and the code. */
export interface CodeValue {
  readonly exists: boolean
  readonly codeHash: Uint8Array
  readonly code: Uint8Array
}

/** A value read from below the transaction: a number (balance, nonce), a storage word, or code. */
export type PreValue = bigint | Uint8Array | CodeValue

export type Phase = 'execution' | 'settlement'

/** The transaction's state in this view at a read checkpoint (see executor/checkpoints). */
export interface SavedTransaction {
  readonly state: TxState<PreValue>
  readonly reads: RecordedReads
}

export class VersionedState implements StateManagerInterface, AccountFieldSource {
  readonly readSet = new ReadSet()
  readonly writeSet = new WriteSet()
  phase: Phase = 'execution'
  /**
   * The first signal thrown during this incarnation. ethereumjs catches any
   * error inside a value transfer (`_reduceSenderBalance`, `_addToBalance`) and
   * turns it into a failed call, so a thrown signal may never reach runTx's
   * caller: the runner checks this after runTx, whatever runTx returned.
   */
  signal: BlockedRead | SequentialFallback | StaleRead | undefined
  /** The block's beneficiary (address chars): its fee credits are lazy in the settlement phase. */
  get beneficiary(): string {
    return this.beneficiaryChars
  }

  set beneficiary(account: string) {
    this.beneficiaryChars = account
    this.beneficiaryBalance = accountFieldKey(LocationKind.Balance, account)
  }

  private beneficiaryChars = ''
  private beneficiaryBalance = ''
  /** Every transaction below this one has finished an execution (EVER_EXECUTED never resets within a block). */
  private executedPrefix = 0

  private tx = 0
  private accounts = new Map<string, TxAccount>()
  private journal: Undo[] = []
  private checkpoints: number[] = []
  /** Values read from below this transaction, by location: one consistent value each. */
  private preValues = new Map<LocationKey, PreValue>()
  private readonly slot = new ReadSlot()
  private readonly word = new Uint8Array(WORD)
  private originals = new Map<string, Uint8Array>()

  readonly originalStorageCache = {
    get: async (address: Address, key: Uint8Array): Promise<Uint8Array> => {
      const id = addressChars(address.bytes) + slotChars(key)
      let value = this.originals.get(id)
      if (value === undefined) {
        value = await this.getStorage(address, key)
        this.originals.set(id, value)
      }
      return value
    },
    clear: () => this.originals.clear(),
  }

  private mv!: MVMemory
  private base!: BaseState
  private faults: WorkerFaults = {}
  private history: { hasEverExecuted(tx: number): boolean } | undefined

  constructor(mv: MVMemory, base: BaseState, faults: WorkerFaults = {}, history?: { hasEverExecuted(tx: number): boolean }) {
    this.attachBlock(mv, base, faults, history)
  }

  /**
   * The view of another block (a worker keeps one view, and the EVMs built
   * over it, across blocks): its shared memory, base state and scheduler.
   */
  attachBlock(mv: MVMemory, base: BaseState, faults: WorkerFaults = {}, history?: { hasEverExecuted(tx: number): boolean }): void {
    this.mv = mv
    this.base = base
    this.faults = faults
    this.history = history
    this.executedPrefix = 0
    const kinds = { balance: LocationKind.Balance, nonce: LocationKind.Nonce, code: LocationKind.Code, storage: LocationKind.Storage }
    this.unrecordedKind = faults.unrecordedReadKind === undefined ? -1 : kinds[faults.unrecordedReadKind]
  }

  /** Test-only mutant (WorkerFaults.unrecordedReadKind): -1 when off. */
  private unrecordedKind = -1

  /** Test-only mutant (WorkerFaults.eagerBeneficiary): a read in progress that must not be recorded. */
  private suppressRecording = false

  private noteRead(key: LocationKey): void {
    if (this.suppressRecording || key.charCodeAt(0) === this.unrecordedKind) return
    this.readSet.add(this.slot)
  }

  /**
   * Stop an execution as soon as one of its reads is stale (StaleRead), instead
   * of running it to the end for validation to reject. Set per execution by the
   * runner; off while read checkpoints are on (they resume re-executions instead).
   */
  stopWhenStale = false
  /** MVMemory.recordSequence() when this execution last looked at its reads. */
  private recordsSeen = 0

  /** Forget the previous incarnation: a fresh view for transaction `tx`. */
  begin(tx: number): void {
    this.tx = tx
    this.recordsSeen = this.mv.recordSequence()
    this.accounts.clear()
    this.journal = []
    this.checkpoints.length = 0
    this.preValues.clear()
    this.originals.clear()
    this.readSet.clear()
    this.writeSet.clear()
    this.phase = 'execution'
    this.signal = undefined
  }

  /** How many entries saveTransaction would copy now (values read, undo entries, reads): its cost. */
  get transactionSize(): number {
    return this.preValues.size + this.journal.length + this.readSet.size
  }

  /** A copy of everything this incarnation has read and written so far (a read checkpoint). */
  saveTransaction(): SavedTransaction {
    const { accounts, journal, checkpoints, preValues, originals } = this
    return { state: copyTxState({ accounts, journal, checkpoints, preValues, originals }), reads: this.readSet.copy() }
  }

  /**
   * Continue this incarnation from a saved transaction: the caller has just
   * begun it (same transaction) and re-run what precedes the checkpoint's
   * frame with the same reads (checked by the caller).
   */
  restoreTransaction(saved: SavedTransaction): void {
    const state = copyTxState(saved.state)
    this.accounts = state.accounts
    this.journal = state.journal
    this.checkpoints = state.checkpoints
    this.preValues = state.preValues
    this.originals = state.originals
    this.readSet.restore(saved.reads)
  }

  /** A multi-version read; a full memory becomes a fallback signal (a thrown error could be swallowed by the EVM). */
  private readMv(key: LocationKey): ReturnType<MVMemory['readInto']> {
    if (this.stopWhenStale) {
      const records = this.mv.recordSequence()
      if (records !== this.recordsSeen) this.checkReadsStillCurrent(records)
    }
    try {
      return this.mv.readInto(key, this.tx, this.slot)
    } catch (error) {
      if (error instanceof MVMemoryFullError) this.raise(new SequentialFallback(error.message))
      throw error
    }
  }

  /**
   * Before each new read: if a lower transaction has published a record since
   * the last look, are the reads so far still current? A heavy transaction
   * started next to a lower one that writes what it read (two swaps on one
   * pool) would otherwise run to its end, and only then be rejected by
   * validation. Stopping now is sound: nothing of this execution is recorded
   * yet (see the 'stale' ExecutionResult). Costs one shared load per read,
   * and a walk of the reads only after a lower transaction published.
   */
  private checkReadsStillCurrent(records: number): void {
    const since = this.recordsSeen
    this.recordsSeen = records
    if (!this.mv.mayHaveRecordedBelow(this.tx, since, records)) return
    const reads = this.readSet.recordWords()
    if (this.mv.firstStaleRead(this.tx, reads) < reads.length) this.raise(new StaleRead())
  }

  private raise(signal: BlockedRead | SequentialFallback | StaleRead): never {
    this.signal ??= signal
    throw signal
  }

  // ---- reads from below the transaction (recorded) ----------------------------

  readNonce(account: string): bigint {
    return this.readUint(accountFieldKey(LocationKind.Nonce, account))
  }

  readBalance(account: string): bigint {
    return this.readUint(accountFieldKey(LocationKind.Balance, account))
  }

  readCodeHash(account: string): Uint8Array {
    return this.readCode(account).codeHash
  }

  mayHaveStorage(account: string): boolean {
    const record = this.accounts.get(account)
    if (record !== undefined && [...record.storage.values()].some((value) => value.length > 0)) return true
    if (record?.storageWiped === true) return false
    return this.base.hasStorage(accountFieldKey(LocationKind.Code, account))
  }

  private readUint(key: LocationKey): bigint {
    const cached = this.preValues.get(key)
    if (cached !== undefined) return cached as bigint
    const value = this.resolveWord(key)
    this.preValues.set(key, value)
    return value
  }

  /** The location's value below this transaction as a number, recording the read. */
  private resolveWord(key: LocationKey): bigint {
    if (key === this.beneficiaryBalance) this.awaitEveryEarlierFee()
    const slot = this.slot
    const kind = this.readMv(key)
    if (kind === 'blocked') this.raise(new BlockedRead(slot.blockedOn))
    this.noteRead(key)
    let value: bigint
    if (kind === 'value') value = wordToBigInt(slot.value)
    else {
      this.base.readWord(key, this.word)
      value = wordToBigInt(this.word)
    }
    if (slot.hasDelta) {
      value += wordToBigInt(slot.deltaSum)
      if (value > MAX_WORD) this.raise(new SequentialFallback('a balance overflows 256 bits'))
    }
    return value
  }

  /**
   * An explicit read of the beneficiary's balance sees the sum of every
   * earlier transaction's fee (lazy credits). While some earlier transaction
   * has never run, that sum is certainly incomplete and validation would
   * reject the read: the reader waits for that transaction instead, as for an
   * ESTIMATE. Without this, a block where the beneficiary itself sends most
   * transactions (a pool's payouts: every one reads its balance as sender)
   * re-executes its whole tail each time an earlier fee lands late. Waits
   * point downwards only, so they cannot deadlock.
   */
  private awaitEveryEarlierFee(): void {
    const history = this.history
    if (history === undefined) return
    while (this.executedPrefix < this.tx) {
      if (!history.hasEverExecuted(this.executedPrefix)) this.raise(new BlockedRead(this.executedPrefix))
      this.executedPrefix++
    }
  }

  private readCode(account: string): CodeValue {
    const key = accountFieldKey(LocationKind.Code, account)
    const cached = this.preValues.get(key)
    if (cached !== undefined) return cached as CodeValue
    const slot = this.slot
    const kind = this.readMv(key)
    if (kind === 'blocked') this.raise(new BlockedRead(slot.blockedOn))
    this.noteRead(key)
    let value: CodeValue
    if (kind === 'value') {
      const exists = slot.value.some((byte) => byte !== 0)
      const codeHash = exists ? slot.value.slice() : EMPTY_CODE_HASH
      const code = exists && slot.codeLength > 0 ? this.codeAt(codeHash, slot.codeOffset, slot.codeLength) : EMPTY
      value = { exists, codeHash, code }
    } else if (this.base.accountExists(key)) {
      this.base.readWord(key, this.word)
      value = { exists: true, codeHash: this.word.slice(), code: this.base.code(key) }
    } else {
      value = { exists: false, codeHash: EMPTY_CODE_HASH, code: EMPTY }
    }
    this.preValues.set(key, value)
    return value
  }

  /** Code written by an earlier transaction of the block, as the canonical array for its hash. */
  private codeAt(codeHash: Uint8Array, offset: number, length: number): Uint8Array {
    const hash = oneByteString(codeHash)
    return knownCode(hash) ?? canonicalCode(hash, this.mv.readCode({ offset, length }))
  }

  private readStorage(account: string, slotKey: string): Uint8Array {
    const key = storageKeyFromChars(account, slotKey)
    const cached = this.preValues.get(key)
    if (cached !== undefined) return cached as Uint8Array
    const slot = this.slot
    const kind = this.readMv(key)
    if (kind === 'blocked') this.raise(new BlockedRead(slot.blockedOn))
    this.noteRead(key)
    let value: Uint8Array
    if (kind === 'value') value = minimal(slot.value)
    else {
      this.base.readWord(key, this.word)
      value = minimal(this.word)
    }
    this.preValues.set(key, value)
    return value
  }

  // ---- StateManagerInterface --------------------------------------------------

  async getAccount(address: Address): Promise<Account | undefined> {
    return this.accountOf(addressChars(address.bytes))
  }

  /** The account as the EVM would get it now, or an empty one (ethereumjs's convention for a frame's own account). */
  accountNow(address: Uint8Array): Account {
    return this.accountOf(addressChars(address)) ?? new Account()
  }

  private accountOf(account: string): Account | undefined {
    const record = this.accounts.get(account)
    if (record?.exists === false) return undefined
    if (record?.exists !== true && !this.readCode(account).exists) return undefined
    const feeMode = this.phase === 'settlement' && account === this.beneficiary && record?.balance === undefined
    if (feeMode && this.faults.eagerBeneficiary === true) {
      // Mutant: the fee is added to the balance as it is now, and that read is forgotten.
      this.suppressRecording = true
      const balance = this.readBalance(account)
      this.suppressRecording = false
      return new VersionedAccount(this, account, { nonce: record?.nonce, balance, pendingCredit: 0n, codeHash: record?.codeHash }, false)
    }
    return new VersionedAccount(
      this,
      account,
      { nonce: record?.nonce, balance: record?.balance, pendingCredit: record?.pendingCredit ?? 0n, codeHash: record?.codeHash },
      feeMode,
    )
  }

  async putAccount(address: Address, account?: Account): Promise<void> {
    if (account === undefined) return this.deleteAccount(address)
    const key = addressChars(address.bytes)
    const record = this.record(address.bytes, key)
    this.saveFields(record)
    if (account instanceof VersionedAccount && account.account === key) {
      // Only what the EVM changed: unchanged fields were maybe never read.
      if ((account.dirty & DIRTY_NONCE) !== 0) record.nonce = account.nonce
      if ((account.dirty & DIRTY_BALANCE) !== 0) {
        if (account.balanceUnread) {
          record.balance = undefined
          record.pendingCredit = account.pendingCredit
        } else {
          record.balance = account.balance
          record.pendingCredit = 0n
        }
      }
      if ((account.dirty & DIRTY_CODE_HASH) !== 0) this.setCodeHash(record, account.codeHash)
      record.exists = true
      return
    }
    // A plain Account (the EVM made a new one): every field is written.
    if (record.exists !== true && !(record.exists === undefined && this.readCode(key).exists)) this.wipeStorage(record, key)
    record.exists = true
    record.nonce = account.nonce
    record.balance = account.balance
    record.pendingCredit = 0n
    this.setCodeHash(record, account.codeHash)
  }

  async deleteAccount(address: Address): Promise<void> {
    const key = addressChars(address.bytes)
    const record = this.record(address.bytes, key)
    this.saveFields(record)
    record.exists = false
    record.nonce = 0n
    record.balance = 0n
    record.pendingCredit = 0n
    record.codeHash = EMPTY_CODE_HASH
    record.code = EMPTY
    this.wipeStorage(record, key)
  }

  async modifyAccountFields(address: Address, fields: AccountFields): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account()
    if (fields.nonce !== undefined) account.nonce = fields.nonce
    if (fields.balance !== undefined) account.balance = fields.balance
    if (fields.codeHash !== undefined) account.codeHash = fields.codeHash
    await this.putAccount(address, account)
  }

  async putCode(address: Address, code: Uint8Array): Promise<void> {
    const key = addressChars(address.bytes)
    const record = this.record(address.bytes, key)
    this.saveFields(record)
    if (record.exists === undefined && !this.readCode(key).exists) record.exists = true
    record.exists = true
    record.codeHash = keccak256(code)
    record.code = code
  }

  async getCode(address: Address): Promise<Uint8Array> {
    const key = addressChars(address.bytes)
    const record = this.accounts.get(key)
    if (record?.code !== undefined) return record.code
    if (record?.exists === false) return EMPTY
    if (record?.codeHash !== undefined && equalBytes(record.codeHash, EMPTY_CODE_HASH)) return EMPTY
    return this.readCode(key).code
  }

  async getCodeSize(address: Address): Promise<number> {
    return (await this.getCode(address)).length
  }

  async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    const account = addressChars(address.bytes)
    const slot = slotChars(key)
    const record = this.accounts.get(account)
    if (record !== undefined) {
      const written = record.storage.get(slot)
      if (written !== undefined) return written
      if (record.storageWiped) return EMPTY
    }
    return this.readStorage(account, slot)
  }

  async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const account = addressChars(address.bytes)
    const record = this.record(address.bytes, account)
    const slot = slotChars(key)
    this.journal.push({ kind: 'slot', record, slot, previous: record.storage.get(slot) })
    record.storage.set(slot, stripLeadingZeros(value))
  }

  async clearStorage(address: Address): Promise<void> {
    const account = addressChars(address.bytes)
    this.wipeStorage(this.record(address.bytes, account), account)
  }

  async checkpoint(): Promise<void> {
    this.checkpoints.push(this.journal.length)
  }

  async commit(): Promise<void> {
    this.checkpoints.pop()
  }

  async revert(): Promise<void> {
    const mark = this.checkpoints.pop() ?? 0
    for (let i = this.journal.length - 1; i >= mark; i--) undo(this.journal[i]!, this.accounts)
    this.journal.length = mark
  }

  async flush(): Promise<void> {}
  clearCaches(): void {}
  async getStateRoot(): Promise<Uint8Array> {
    return new Uint8Array(32)
  }
  async setStateRoot(): Promise<void> {
    throw new Error('VersionedState has no state trie')
  }
  async hasStateRoot(): Promise<boolean> {
    throw new Error('VersionedState has no state trie')
  }
  shallowCopy(): StateManagerInterface {
    throw new Error('VersionedState cannot be shallow-copied')
  }

  // ---- the write set ------------------------------------------------------------

  /** The transaction's net writes into `writeSet`: values that differ from what it read, and lazy credits. */
  collectWrites(): WriteSet {
    const writes = this.writeSet
    for (const [account, record] of this.accounts) {
      const codeKey = accountFieldKey(LocationKind.Code, account)
      if (record.exists === false) {
        if (this.existedBefore(account, codeKey)) {
          writes.setCode(codeKey, NO_ACCOUNT, EMPTY)
          this.writeUint(writes, accountFieldKey(LocationKind.Nonce, account), 0n)
          this.writeUint(writes, accountFieldKey(LocationKind.Balance, account), 0n)
          this.writeStorage(writes, account, record) // the zeroed pre-state slots
        }
        continue
      }
      const created = record.exists === true && !this.existedBefore(account, codeKey)
      if (record.codeHash !== undefined && (created || !equalBytes(record.codeHash, this.readCode(account).codeHash))) {
        writes.setCode(codeKey, record.codeHash, record.code ?? this.codeByHash(record.codeHash, account))
      } else if (created) {
        writes.setCode(codeKey, EMPTY_CODE_HASH, EMPTY)
      }
      if (record.nonce !== undefined) this.writeChanged(writes, accountFieldKey(LocationKind.Nonce, account), record.nonce, created)
      else if (created) this.writeUint(writes, accountFieldKey(LocationKind.Nonce, account), 0n)
      const balanceKey = accountFieldKey(LocationKind.Balance, account)
      if (record.balance !== undefined) this.writeChanged(writes, balanceKey, record.balance, created)
      else if (record.pendingCredit > 0n) writes.addDelta(balanceKey, bigintToBytes(record.pendingCredit, WORD))
      else if (created) this.writeUint(writes, balanceKey, 0n)
      this.writeStorage(writes, account, record)
    }
    return writes
  }

  /** The account's storage writes that change something, and one count in its storage-writes location. */
  private writeStorage(writes: WriteSet, account: string, record: TxAccount): void {
    let wroteStorage = false
    for (const [slot, value] of record.storage) {
      const key = storageKeyFromChars(account, slot)
      const before = record.storageWiped ? undefined : (this.preValues.get(key) as Uint8Array | undefined)
      if (before !== undefined && equalBytes(before, value)) continue
      const word = new Uint8Array(WORD)
      word.set(value, WORD - value.length)
      writes.setValue(key, word)
      wroteStorage = true
    }
    if (wroteStorage) writes.addDelta(accountFieldKey(LocationKind.StorageWrites, account), ONE)
  }

  private existedBefore(account: string, codeKey: LocationKey): boolean {
    const known = this.preValues.get(codeKey) as CodeValue | undefined
    return (known ?? this.readCode(account)).exists
  }

  private writeChanged(writes: WriteSet, key: LocationKey, value: bigint, created: boolean): void {
    if (!created && this.preValues.get(key) === value) return
    this.writeUint(writes, key, value)
  }

  private writeUint(writes: WriteSet, key: LocationKey, value: bigint): void {
    writes.setValue(key, bigintToBytes(value, WORD))
  }

  private codeByHash(codeHash: Uint8Array, account: string): Uint8Array {
    if (equalBytes(codeHash, EMPTY_CODE_HASH) || equalBytes(codeHash, KECCAK256_NULL)) return EMPTY
    const known = this.readCode(account)
    if (equalBytes(known.codeHash, codeHash)) return known.code
    this.raise(new SequentialFallback('an account took a code hash whose code is unknown'))
  }

  // ---- internals ----------------------------------------------------------------

  private record(address: Uint8Array, account: string): TxAccount {
    let record = this.accounts.get(account)
    if (record === undefined) {
      record = {
        address,
        exists: undefined,
        nonce: undefined,
        balance: undefined,
        pendingCredit: 0n,
        codeHash: undefined,
        code: undefined,
        storage: new Map(),
        storageWiped: false,
      }
      this.accounts.set(account, record)
      this.journal.push({ kind: 'account-added', account })
    }
    return record
  }

  private saveFields(record: TxAccount): void {
    const { exists, nonce, balance, pendingCredit, codeHash, code } = record
    this.journal.push({ kind: 'fields', record, snapshot: { exists, nonce, balance, pendingCredit, codeHash, code } })
  }

  private setCodeHash(record: TxAccount, codeHash: Uint8Array): void {
    if (record.codeHash !== undefined && equalBytes(record.codeHash, codeHash)) return
    record.codeHash = codeHash
    record.code = equalBytes(codeHash, EMPTY_CODE_HASH) ? EMPTY : undefined
  }

  /**
   * Storage from before this transaction disappears (deletion, re-creation).
   * Storage written by this transaction can simply be dropped; storage that
   * existed before cannot be enumerated here, so that case falls back.
   */
  private wipeStorage(record: TxAccount, account: string): void {
    const before = this.readCode(account)
    const codeKey = accountFieldKey(LocationKind.Code, account)
    // Storage written by earlier transactions of the block cannot be enumerated here: read
    // their count (validation notices if it changes) and fall back only if there is some.
    if (before.exists && before.code.length > 0 && this.readUint(accountFieldKey(LocationKind.StorageWrites, account)) !== 0n) {
      this.raise(new SequentialFallback('a contract whose storage this block wrote is deleted (self-destruct)'))
    }
    // The pre-state's storage is known slot by slot: every wipe (there may be several in one
    // transaction) leaves each of those slots zero, and drops what the transaction wrote.
    const zeroed = new Map<string, Uint8Array>()
    if (before.exists) for (const key of this.base.storageKeys(codeKey)) zeroed.set(key.slice(21), EMPTY)
    this.journal.push({ kind: 'wipe', record, storage: record.storage, storageWiped: record.storageWiped })
    record.storage = zeroed
    record.storageWiped = true
  }
}

function minimal(word: Uint8Array): Uint8Array {
  let start = 0
  while (start < word.length && word[start] === 0) start++
  return word.slice(start)
}


