/**
 * The multi-version memory of Block-STM (arXiv 2203.06871, Algorithm 2), in
 * SharedArrayBuffers so that every worker reads, records and validates
 * without asking another thread.
 *
 * What it holds
 * -------------
 * For every location (balance, nonce, code, storage slot; keyed by
 * `LocationKey` and mapped to a dense id by locationTable.ts), the entries
 * written by transactions of the block: one entry per (location, tx), with
 * the incarnation that wrote it and a kind:
 *   VALUE     a 32-byte word (for code: the code hash plus a reference to the
 *             code bytes in the code area);
 *   DELTA     a 32-byte unsigned increment mod 2^256, added without reading
 *             (lazy balance credits: many transactions may pay the same
 *             beneficiary without conflicting);
 *   ESTIMATE  the writer was aborted (or a hint pre-marked the write): a
 *             reader above it must wait for the writer;
 *   REMOVED   a tombstone: an earlier incarnation wrote here, the latest did
 *             not. Readers skip it.
 * It does not know the pre-block state: a read that finds no VALUE returns
 * `base` and the executor combines the pre-block value with the delta sum.
 *
 * For every transaction, the read set and the written locations of its latest
 * incarnation, in a shared arena, so that validation can run on any worker.
 *
 * Entry lists: lock-free readers, locked inserts
 * ----------------------------------------------
 * Each location has a singly linked list of its entries, sorted by tx
 * descending, HEAD pointing at the highest. A read by transaction r walks
 * from HEAD, skips entries with tx >= r, and stops at the first VALUE or
 * ESTIMATE (summing DELTAs on the way). Cost: one step per entry above the
 * reader plus one per delta summed; with lowest-first scheduling the entries
 * above a reader are mostly those of transactions in flight.
 *
 * Entries are never unlinked or freed during a block: removal is a REMOVED
 * tombstone and a later incarnation that writes the location again revives
 * the same entry. So a reader can follow NEXT pointers without any lock and
 * never meets recycled memory. Inserting a new entry takes the location's
 * spin lock (only against other inserters): the entry is filled completely,
 * its NEXT set, and then it is published with one Atomics.store into its
 * predecessor's NEXT (or HEAD). A concurrent reader sees the list either
 * without or with the new entry, both consistent.
 *
 * Only one party ever writes a given entry at a time: the worker executing
 * that transaction's current incarnation (record), or the validator that won
 * its abort (convertWritesToEstimates), which the scheduler serialises.
 *
 * Never a torn value: a per-entry seqlock
 * ---------------------------------------
 * A 32-byte value is eight words; no single Atomics operation covers it.
 * Entries are rewritten in place (a new incarnation, an ESTIMATE turning into
 * a value), and a reader may be looking at the same entry. Writing the value
 * words first and publishing the header last is only enough for a fresh
 * entry; for an entry rewritten in place a reader could copy half of the old
 * and half of the new value. So HEADER (incarnation << 3 | kind) is a
 * seqlock word:
 *   writer: store HEADER = WRITING; store the payload words; store the final
 *           HEADER (which always differs from the previous one: a new
 *           incarnation, or a new kind);
 *   reader: h1 = load HEADER; if WRITING retry; copy the payload words;
 *           h2 = load HEADER; if h1 !== h2 retry.
 * Every load and store involved is an Atomics operation (sequentially
 * consistent), so the payload loads cannot move outside the two header loads
 * on any platform, and a reader that sees h1 === h2 copied one incarnation's
 * payload. Retries are rare (the writer's window is ten stores) and a reader
 * never blocks a writer.
 *
 * Lock ordering: the only lock here is a location's LOCK, held for the few
 * loads and stores of one insertion. No other lock (nor a scheduler lock) is
 * taken while holding it, and it is never held across a call out.
 *
 * Sizing
 * ------
 * The location table has a fixed capacity (capacity.locations, default
 * max(1024, 64 * txCount)): its slots cannot be rehashed under concurrent
 * probing. The entries, the read/write-set arena and the code area are
 * growable SharedArrayBuffers (default maximum 1 GiB of address space each,
 * committed only as used). Anything beyond a capacity throws
 * MVMemoryFullError naming the resource; the executor catches it, halts the
 * scheduler and executes the block sequentially.
 */
import { describeLocation, type LocationKey } from '../src/shared/locations.js'
import type { Incarnation, TxIndex, TxVersion } from '../src/shared/types.js'
import { CodeArea } from './codeArea.js'
import { SchedulerInvariantError } from './errors.js'
import { GrowableArea, createGrowableBuffer, type ByteBudget } from './growableArea.js'
import { HintTrust } from './hintTrust.js'
import { LocationTable, type LocationId } from './locationTable.js'
import {
  ARENA_NEXT,
  ARENA_TX_COUNT,
  BASE_ORIGIN,
  CODE_LENGTH,
  CODE_OFFSET,
  ENTRY_BYTES,
  ENTRY_WORDS,
  EntryKind,
  FAULTS,
  FAULT_SKIP_ESTIMATES,
  FAULT_SKIP_VALIDATION,
  HEAD,
  HEADER,
  LOCATION_WORDS,
  LOCK,
  NEXT,
  NO_CODE,
  PREMARK,
  READ_DELTA,
  READ_FLAGS,
  READ_HAS_DELTA,
  READ_LOCATION,
  READ_ORIGIN_INCARNATION,
  READ_ORIGIN_TX,
  READ_WORDS,
  REC_HEADER_WORDS,
  REC_INCARNATION,
  REC_READ_WORDS,
  REC_WRITE_COUNT,
  RECORD_LOG,
  RECORD_LOG_SIZE,
  RECORD_SEQUENCE,
  TX,
  TX_RECORDS,
  VALUE,
  WRITE_WORDS,
  headerIncarnation,
  headerKind,
  packHeader,
} from './mvLayout.js'
import { ReadSlot, type CodeRef, type ReadKind, type ReadOutcome, type ReadSet } from './readSet.js'
import { acquireSpinLock, releaseSpinLock } from './spinLock.js'
import { WORD_LIMBS, addLimbs, limbsAreZero, limbsToBytes, wordToBigInt } from './word256.js'
import type { WriteSet } from './writeSet.js'

export interface MVMemoryCapacity {
  /** Distinct locations the block may touch. Fixed; default max(1024, 64 * txCount). */
  readonly locations?: number
  /** Entry pool (64 bytes per (location, tx) written). Growable. */
  readonly entries?: ByteBudget
  /** Read/write-set records (one per incarnation). Growable. */
  readonly arena?: ByteBudget
  /** Contract code bytes. Growable. */
  readonly code?: ByteBudget
}

/**
 * Test-only fault injection, to prove that the property tests can catch a
 * broken engine. Never set outside tests.
 */
export interface MVMemoryFaults {
  /** validateReadSet always answers "valid". */
  readonly skipValidation?: boolean
  /** convertWritesToEstimates does nothing (aborted writes stay readable values). */
  readonly skipEstimates?: boolean
}

export interface MVMemoryOptions {
  readonly txCount: number
  readonly capacity?: MVMemoryCapacity
  readonly faults?: MVMemoryFaults
  /** Judge hints as transactions record; read through pre-marks once hints are distrusted (hintTrust.ts). */
  readonly trust?: HintTrust
  /**
   * An earlier block's location memory (releaseLocations), used again if it
   * holds capacity.locations: its pages are already faulted in, a fresh
   * table's are not (see LocationTable.clear).
   */
  readonly reuse?: ReusableLocations
}

/** The location table and per-location words of a finished block, for the next one. */
export interface ReusableLocations {
  readonly table: LocationTable
  readonly locationState: SharedArrayBuffer
}

/** Everything a worker needs to attach to the same memory: post it with postMessage. */
export interface MVMemoryBuffers {
  readonly locations: SharedArrayBuffer
  readonly locationState: SharedArrayBuffer
  readonly entries: SharedArrayBuffer
  readonly arena: SharedArrayBuffer
  readonly code: SharedArrayBuffer
  /** HintTrust's buffer, shared with the scheduler (optional). */
  readonly trust?: SharedArrayBuffer
}

/** The final state of one written location after the block (MVMemory.snapshot). */
export type FinalValue =
  | {
      readonly kind: 'value'
      readonly location: LocationKey
      /** The highest transaction that wrote a VALUE here. */
      readonly writer: TxVersion
      /** That value plus every DELTA above it, mod 2^256 (code locations: the code hash). */
      readonly value: Uint8Array
      /** Code locations only: the code. */
      readonly code: Uint8Array | null
    }
  | {
      /** Only DELTAs were written: the final value is the pre-block value + deltaSum. */
      readonly kind: 'base'
      readonly location: LocationKey
      readonly deltaSum: Uint8Array
    }

export type PreMarkOutcome =
  | { readonly kind: 'added'; readonly count: number }
  | { readonly kind: 'rejected'; readonly reason: 'out-of-range' | 'already-executed' }

/** One read of a recorded read set (tests, diagnostics). */
export interface RecordedRead {
  readonly location: LocationKey
  readonly origin: TxVersion | 'base'
  readonly deltaSum: bigint
}

/** One entry of a location (tests, diagnostics), highest tx first. */
export interface EntryView {
  readonly tx: TxIndex
  readonly incarnation: Incarnation
  readonly kind: 'value' | 'delta' | 'estimate' | 'removed'
  readonly value: bigint
}

export interface MVMemoryUsage {
  readonly locations: number
  readonly locationCapacity: number
  readonly entryBytes: number
  readonly arenaBytes: number
  readonly codeBytes: number
}

const RESOLVED_BASE = 0
const RESOLVED_VALUE = 1
const RESOLVED_BLOCKED = 2
type Resolved = typeof RESOLVED_BASE | typeof RESOLVED_VALUE | typeof RESOLVED_BLOCKED
const READ_KINDS: readonly ReadKind[] = ['base', 'value', 'blocked']

const ENTRY_KIND_NAMES = ['removed', 'value', 'delta', 'estimate', 'writing'] as const

/** highestLiveEntryBelow: the list links an entry beyond this thread's view of the entry area. */
const GROWN_MEANWHILE = -1

export class MVMemory {
  readonly txCount: number
  readonly buffers: MVMemoryBuffers
  private readonly table: LocationTable
  private readonly state: Int32Array
  private readonly entries: GrowableArea
  private readonly arena: GrowableArea
  private readonly code: CodeArea
  private readonly faults: number
  private readonly trust: HintTrust | undefined

  // Per-thread scratch, so that reads and validation allocate nothing.
  private readonly sum = new Uint32Array(WORD_LIMBS)
  private readonly limbs = new Int32Array(WORD_LIMBS)
  private readonly valueLimbs = new Int32Array(WORD_LIMBS)
  private resolvedTx = 0
  private resolvedIncarnation = 0
  private resolvedHasDelta = false
  private resolvedCodeOffset = 0
  private resolvedCodeLength = NO_CODE
  private readonly previousWrites = new Map<number, number>()
  private newWrites = new Int32Array(64)
  private readonly slot = new ReadSlot()

  private constructor(buffers: MVMemoryBuffers) {
    this.buffers = buffers
    this.table = LocationTable.attach(buffers.locations)
    this.state = new Int32Array(buffers.locationState)
    this.entries = new GrowableArea(buffers.entries, 'entries')
    this.arena = new GrowableArea(buffers.arena, 'arena')
    this.code = new CodeArea(buffers.code)
    this.txCount = Atomics.load(this.arena.words, ARENA_TX_COUNT)
    this.faults = Atomics.load(this.arena.words, FAULTS)
    this.trust = buffers.trust === undefined ? undefined : HintTrust.attach(buffers.trust)
  }

  static create(options: MVMemoryOptions): MVMemory {
    const { txCount } = options
    if (!Number.isInteger(txCount) || txCount < 0 || txCount > 0x3fffffff) {
      throw new RangeError(`MVMemory.create: txCount must be an integer in [0, 2^30), got ${txCount}`)
    }
    const capacity = options.capacity ?? {}
    const locations = capacity.locations ?? Math.max(1024, 64 * txCount)
    const { table, locationState } = MVMemory.locationMemory(locations, options.reuse)

    const entries = createGrowableBuffer('capacity.entries', Math.max(64 * 1024, 8 * txCount * ENTRY_BYTES), capacity.entries)
    Atomics.store(new Int32Array(entries, 0, 1), 0, 1) // entry 0 is the header: index 0 means "none"

    const recordsAt = TX_RECORDS + txCount
    const arena = createGrowableBuffer('capacity.arena', Math.max(64 * 1024, recordsAt * 4 + txCount * 512), capacity.arena, recordsAt * 4)
    const arenaWords = new Int32Array(arena, 0, TX_RECORDS)
    Atomics.store(arenaWords, ARENA_NEXT, recordsAt)
    Atomics.store(arenaWords, ARENA_TX_COUNT, txCount)
    let faults = 0
    if (options.faults?.skipValidation === true) faults |= FAULT_SKIP_VALIDATION
    if (options.faults?.skipEstimates === true) faults |= FAULT_SKIP_ESTIMATES
    Atomics.store(arenaWords, FAULTS, faults)

    const code = CodeArea.createBuffer(capacity.code)
    const trust = options.trust === undefined ? {} : { trust: options.trust.buffer }
    return new MVMemory({ locations: table.buffer, locationState, entries, arena, code, ...trust })
  }

  /** A table and per-location words for `locations` ids: `reuse`'s, emptied, when it is large enough. */
  private static locationMemory(locations: number, reuse: ReusableLocations | undefined): ReusableLocations {
    if (reuse === undefined || reuse.table.capacity < locations) {
      return { table: LocationTable.create(locations), locationState: new SharedArrayBuffer(locations * LOCATION_WORDS * 4) }
    }
    // Every location's words start at zero (no entries); only the ids used last time can be non-zero.
    new Int32Array(reuse.locationState, 0, reuse.table.count * LOCATION_WORDS).fill(0)
    reuse.table.clear()
    return reuse
  }

  /**
   * This block's location memory, for the next block's create (`reuse`).
   * Only once no worker uses this MVMemory any more, and this object is not
   * used again after it.
   */
  releaseLocations(): ReusableLocations {
    return { table: this.table, locationState: this.buffers.locationState }
  }

  static attach(buffers: MVMemoryBuffers): MVMemory {
    for (const name of ['locations', 'locationState', 'entries', 'arena', 'code'] as const) {
      if (!(buffers?.[name] instanceof SharedArrayBuffer)) {
        throw new TypeError(`MVMemory.attach: buffers.${name} must be the SharedArrayBuffer from MVMemory.create`)
      }
    }
    return new MVMemory(buffers)
  }

  /** The dense id of a location (inserting it). Throws MVMemoryFullError when the table is full. */
  locationId(key: LocationKey): LocationId {
    return this.table.intern(key)
  }

  locationKey(id: LocationId): LocationKey {
    return this.table.keyOf(id)
  }

  // ------------------------------------------------------------------
  // Reading.

  /**
   * Reads `key` as transaction `reader` sees it, into a caller-owned slot
   * (no allocation). Returns the slot's new kind. See readSet.ts for the meaning.
   */
  readInto(key: LocationKey, reader: number, slot: ReadSlot): ReadKind {
    const location = this.table.intern(key)
    const resolved = this.resolve(location, reader, true)
    slot.location = location
    const kind = READ_KINDS[resolved]!
    slot.kind = kind
    if (resolved === RESOLVED_BLOCKED) {
      slot.blockedOn = this.resolvedTx
      return kind
    }
    slot.hasDelta = this.resolvedHasDelta
    limbsToBytes(this.sum, 0, slot.deltaSum, 0)
    if (resolved === RESOLVED_VALUE) {
      slot.originTx = this.resolvedTx
      slot.originIncarnation = this.resolvedIncarnation
      limbsToBytes(this.valueLimbs, 0, slot.value, 0)
      slot.codeOffset = this.resolvedCodeOffset
      slot.codeLength = this.resolvedCodeLength
    } else {
      slot.originTx = BASE_ORIGIN
      slot.originIncarnation = 0
      slot.codeLength = NO_CODE
    }
    return kind
  }

  /** Like readInto, returning a freshly allocated ReadOutcome. */
  read(key: LocationKey, reader: number): ReadOutcome {
    this.readInto(key, reader, this.slot)
    return this.slot.toOutcome()
  }

  // ------------------------------------------------------------------
  // Recording (Algorithm 2: record, apply_write_set, rcu_update_written_locations).

  /**
   * Records what incarnation `version` read and wrote: applies the writes
   * (new entries, or the transaction's existing entries rewritten in place),
   * marks REMOVED the locations the previous incarnation wrote and this one
   * did not, and publishes the read set and written locations for validation.
   *
   * Returns wroteNewLocation: whether some location is written now that the
   * previous incarnation (or the pre-marked estimates, for the first one) did
   * not write. Then higher transactions may have read around it, and the
   * scheduler must validate them again (Scheduler.finishExecution).
   *
   * Must be called by the worker executing `version`, before finishExecution.
   */
  record(version: TxVersion, readSet: ReadSet, writeSet: WriteSet): boolean {
    const { tx, incarnation } = version
    this.checkTx(tx)
    const previous = this.previousWrites
    previous.clear()
    const previousRecord = this.recordOf(tx)
    const afterPremarks = previousRecord !== 0 && this.arena.words[previousRecord + REC_INCARNATION] === PREMARK
    if (previousRecord !== 0) {
      const arena = this.arena.words
      const count = arena[previousRecord + REC_WRITE_COUNT]!
      for (let i = 0, at = previousRecord + REC_HEADER_WORDS; i < count; i++, at += WRITE_WORDS) {
        previous.set(arena[at]!, arena[at + 1]!)
      }
    }
    const premarked = afterPremarks ? previous.size : 0

    const writes = writeSet.size
    if (this.newWrites.length < writes * WRITE_WORDS) this.newWrites = new Int32Array(writes * WRITE_WORDS * 2)
    const newWrites = this.newWrites
    const limbs = writeSet.limbWords()
    let wroteNewLocation = false
    for (let i = 0; i < writes; i++) {
      const location = this.table.intern(writeSet.keyAt(i))
      const code = writeSet.codeAt(i)
      let codeOffset = 0
      let codeLength = NO_CODE
      if (code !== null) {
        const ref = this.code.write(code)
        codeOffset = ref.offset
        codeLength = ref.length
      }
      const header = packHeader(incarnation, writeSet.kindAt(i))
      let entry = previous.get(location)
      if (entry !== undefined) {
        previous.delete(location)
        this.rewriteKeepingVersion(entry, header, limbs, i * WORD_LIMBS, codeOffset, codeLength)
      } else {
        wroteNewLocation = true
        entry = this.findEntry(location, tx)
        if (entry !== 0) this.rewrite(entry, header, limbs, i * WORD_LIMBS, codeOffset, codeLength)
        else entry = this.insertEntry(location, tx, header, limbs, i * WORD_LIMBS, codeOffset, codeLength)
      }
      newWrites[i * WRITE_WORDS] = location
      newWrites[i * WRITE_WORDS + 1] = entry
    }
    // rcu_update_written_locations: what the previous incarnation wrote and
    // this one did not must stop being visible.
    for (const entry of previous.values()) {
      this.coverEntry(entry)
      Atomics.store(this.entries.words, entry * ENTRY_WORDS + HEADER, packHeader(incarnation, EntryKind.Removed))
    }

    const reads = readSet.recordWords()
    const trust = this.trust
    if (trust !== undefined) {
      if (afterPremarks) {
        trust.judgePremarks(premarked - previous.size, previous.size)
        // Loaded after every entry above was rewritten: if a reader read
        // through one of our pre-marks, higher transactions are validated
        // again (hintTrust.ts, READ_THROUGH, says why missing a late flag is safe).
        if (trust.wasReadThrough(tx)) wroteNewLocation = true
      }
      const waitedOn = trust.takeStartWait(tx)
      if (waitedOn >= 0) trust.judgeStartWait(readsFromRange(reads, waitedOn, tx, (location) => this.hasEntryInRange(location, waitedOn, tx)))
    }
    this.publishRecord(tx, incarnation, newWrites.subarray(0, writes * WRITE_WORDS), reads)
    this.logRecord(tx)
    return wroteNewLocation
  }

  /**
   * How many records have been published in this block. With
   * mayHaveRecordedBelow, an execution in flight can tell cheaply whether a
   * lower transaction has published since it last looked (and only then
   * check its reads so far with firstStaleRead).
   */
  recordSequence(): number {
    return Atomics.load(this.arena.words, RECORD_SEQUENCE)
  }

  /**
   * Whether a transaction below `reader` may have published a record numbered
   * in (since, until] (until: a recordSequence() answer). When it cannot tell
   * (the ring has moved on, or a pair is being rewritten) it answers true. A
   * false "no" needs the ring to wrap 64 records while one writer sits between
   * its stores; it would only cost a missed early stop, never a wrong result:
   * this is an optimization, and validation still checks every read. Lock-free.
   */
  mayHaveRecordedBelow(reader: number, since: number, until: number): boolean {
    if (until - since > RECORD_LOG_SIZE) return true
    const words = this.arena.words
    for (let sequence = since + 1; sequence <= until; sequence++) {
      const at = RECORD_LOG + 2 * (sequence % RECORD_LOG_SIZE)
      // A seqlock read: the writer zeroes the sequence word before it changes the tx word.
      if (Atomics.load(words, at) !== sequence) return true
      const tx = Atomics.load(words, at + 1)
      if (Atomics.load(words, at) !== sequence || tx < reader) return true
    }
    return false
  }

  /** Appends `tx` to the ring of latest records, after its record and entries are visible. */
  private logRecord(tx: number): void {
    const words = this.arena.words
    const sequence = Atomics.add(words, RECORD_SEQUENCE, 1) + 1
    const at = RECORD_LOG + 2 * (sequence % RECORD_LOG_SIZE)
    Atomics.store(words, at, 0)
    Atomics.store(words, at + 1, tx)
    Atomics.store(words, at, sequence)
  }

  /**
   * The writes of `tx`'s latest incarnation become ESTIMATEs (after a
   * validation aborted it, before the scheduler lets it run again): readers
   * above now wait for the next incarnation instead of reading values that
   * are probably wrong, and validations in the meantime fail.
   */
  convertWritesToEstimates(tx: number): void {
    this.checkTx(tx)
    if ((this.faults & FAULT_SKIP_ESTIMATES) !== 0) return
    const record = this.recordOf(tx)
    if (record === 0) return
    const arena = this.arena.words
    const incarnation = arena[record + REC_INCARNATION]!
    const count = arena[record + REC_WRITE_COUNT]!
    for (let i = 0, at = record + REC_HEADER_WORDS; i < count; i++, at += WRITE_WORDS) {
      const entry = arena[at + 1]!
      this.coverEntry(entry)
      // Keep the entry's own version: an unchanged value may carry an older incarnation (see rewriteKeepingVersion).
      const headerAt = entry * ENTRY_WORDS + HEADER
      Atomics.store(this.entries.words, headerAt, packHeader(headerIncarnation(Atomics.load(this.entries.words, headerAt)), EntryKind.Estimate))
    }
  }

  /**
   * Re-reads every read of `tx`'s latest recorded incarnation. Valid iff each
   * still resolves to the same origin (same transaction and incarnation, or
   * base) with the same delta sum; meeting an ESTIMATE is invalid.
   */
  validateReadSet(tx: number): boolean {
    this.checkTx(tx)
    if ((this.faults & FAULT_SKIP_VALIDATION) !== 0) return true
    const record = this.recordOf(tx)
    if (record === 0) return true
    const arena = this.arena.words
    const start = record + REC_HEADER_WORDS + arena[record + REC_WRITE_COUNT]! * WRITE_WORDS
    const end = start + arena[record + REC_READ_WORDS]!
    for (let at = start; at < end; ) {
      const next = this.stillCurrent(arena, at, tx)
      if (next < 0) return false
      at = next
    }
    return true
  }

  /**
   * The word offset of the first read in `words` (laid out like a ReadSet's)
   * that `tx` would no longer see the same way (validateReadSet's test), or
   * `words.length` when every read is still current. A read checkpoint taken
   * after exactly the reads before that offset is still a valid resume point.
   */
  firstStaleRead(tx: number, words: Int32Array): number {
    this.checkTx(tx)
    for (let at = 0; at < words.length; ) {
      const next = this.stillCurrent(words, at, tx)
      if (next < 0) return at
      at = next
    }
    return words.length
  }

  /**
   * Whether the read recorded at `words[at]` still resolves to the same origin
   * (same transaction and incarnation, or base) with the same delta sum for
   * reader `tx`; meeting an ESTIMATE is not current. Returns the offset of the
   * next read, or -1.
   */
  private stillCurrent(words: Int32Array, at: number, tx: number): number {
    const flags = words[at + READ_FLAGS]!
    const resolved = this.resolve(words[at + READ_LOCATION]!, tx, false)
    if (resolved === RESOLVED_BLOCKED) return -1
    const originTx = words[at + READ_ORIGIN_TX]!
    if (resolved === RESOLVED_VALUE) {
      if (originTx !== this.resolvedTx || words[at + READ_ORIGIN_INCARNATION] !== this.resolvedIncarnation) return -1
    } else if (originTx !== BASE_ORIGIN) {
      return -1
    }
    if ((flags & READ_HAS_DELTA) !== 0) {
      for (let i = 0; i < WORD_LIMBS; i++) if ((this.sum[i]! | 0) !== words[at + READ_DELTA + i]) return -1
      return at + READ_WORDS + WORD_LIMBS
    }
    return limbsAreZero(this.sum, 0) ? at + READ_WORDS : -1
  }

  /**
   * Whether a read of `key` by `reader` may well be invalidated later: the
   * highest transaction below `reader` with an entry there (a value, a delta
   * or an ESTIMATE) has an ESTIMATE — its writer was aborted, or the hints
   * predict the write — or is at or above `settledBelow` (for the scheduler:
   * its validation index, below which every transaction was validated after
   * its last execution). Never inserts the key.
   */
  mayConflictBelow(key: LocationKey, reader: number, settledBelow: number): boolean {
    const location = this.table.find(key)
    if (location === -1) return false
    const entry = this.highestLiveEntryBelow(location, reader)
    if (entry === GROWN_MEANWHILE) return true // assume so rather than remap here
    if (entry === 0) return false
    const words = this.entries.words
    return headerKind(Atomics.load(words, entry * ENTRY_WORDS + HEADER)) === EntryKind.Estimate || words[entry * ENTRY_WORDS + TX]! >= settledBelow
  }

  /** Whether a transaction in [from, to) has a live entry at `location` (e.g. a lazy credit summed by a read). Lock-free. */
  private hasEntryInRange(location: number, from: number, to: number): boolean {
    const entry = this.highestLiveEntryBelow(location, to)
    // Grown meanwhile: judged not useful rather than remap here.
    return entry !== GROWN_MEANWHILE && entry !== 0 && this.entries.words[entry * ENTRY_WORDS + TX]! >= from
  }

  /**
   * The entry of the highest transaction below `reader` at `location` that is
   * not REMOVED (an ESTIMATE counts), 0 when there is none, or GROWN_MEANWHILE
   * when the list reaches past this thread's view of the entries. Lock-free.
   */
  private highestLiveEntryBelow(location: number, reader: number): number {
    const words = this.entries.words
    for (let entry = Atomics.load(this.state, location * LOCATION_WORDS + HEAD); entry !== 0; ) {
      const base = entry * ENTRY_WORDS
      if (base + ENTRY_WORDS > words.length) return GROWN_MEANWHILE
      if (words[base + TX]! < reader && headerKind(Atomics.load(words, base + HEADER)) !== EntryKind.Removed) return entry
      entry = Atomics.load(words, base + NEXT)
    }
    return 0
  }

  // ------------------------------------------------------------------
  // Hints: pre-marked estimates.

  /**
   * Before `tx` first executes: ESTIMATE entries for `tx` at `keys`, so that
   * readers above tx wait for it instead of reading an older value. They are
   * replaced by tx's first recorded incarnation: rewritten where it writes,
   * REMOVED where it does not (so a wrong hint can never make a reader wait
   * for a write that never comes). Call on one thread, before the block starts.
   */
  preMarkEstimates(tx: number, keys: Iterable<LocationKey>): PreMarkOutcome {
    if (!Number.isInteger(tx) || tx < 0 || tx >= this.txCount) return { kind: 'rejected', reason: 'out-of-range' }
    const previousRecord = this.recordOf(tx)
    const arena = this.arena.words
    if (previousRecord !== 0 && arena[previousRecord + REC_INCARNATION] !== PREMARK) {
      return { kind: 'rejected', reason: 'already-executed' }
    }
    const marked = new Map<number, number>()
    if (previousRecord !== 0) {
      const count = arena[previousRecord + REC_WRITE_COUNT]!
      for (let i = 0, at = previousRecord + REC_HEADER_WORDS; i < count; i++, at += WRITE_WORDS) marked.set(arena[at]!, arena[at + 1]!)
    }
    let added = 0
    const zero = new Int32Array(WORD_LIMBS)
    for (const key of keys) {
      const location = this.table.intern(key)
      if (marked.has(location)) continue
      marked.set(location, this.insertEntry(location, tx, packHeader(0, EntryKind.Estimate), zero, 0, 0, NO_CODE))
      added++
    }
    const writes = new Int32Array(marked.size * WRITE_WORDS)
    let i = 0
    for (const [location, entry] of marked) {
      writes[i++] = location
      writes[i++] = entry
    }
    this.publishRecord(tx, PREMARK, writes, new Int32Array(0))
    return { kind: 'added', count: added }
  }

  preMarkEstimate(tx: number, key: LocationKey): PreMarkOutcome {
    return this.preMarkEstimates(tx, [key])
  }

  // ------------------------------------------------------------------
  // The end of the block.

  /**
   * For every location with a live entry, its value after the whole block:
   * the highest VALUE with all DELTAs above it applied, or `base` + deltaSum
   * when only DELTAs were written. Sorted by key. Call after the scheduler is
   * done (an ESTIMATE left at that point is a bug and throws).
   */
  snapshot(options: { readonly sorted?: boolean } = {}): FinalValue[] {
    const finals: FinalValue[] = []
    const count = this.table.count
    for (let id = 0; id < count; id++) {
      const resolved = this.resolve(id, this.txCount, true)
      if (resolved === RESOLVED_BLOCKED) {
        throw new SchedulerInvariantError(`snapshot: ${describeLocation(this.table.keyOf(id as LocationId))} still has an ESTIMATE of transaction ${this.resolvedTx}`)
      }
      if (resolved === RESOLVED_BASE) {
        if (!this.resolvedHasDelta) continue // only read, or only written by incarnations later undone
        const deltaSum = new Uint8Array(32)
        limbsToBytes(this.sum, 0, deltaSum, 0)
        finals.push({ kind: 'base', location: this.table.keyOf(id as LocationId), deltaSum })
        continue
      }
      const writer = { tx: this.resolvedTx as TxIndex, incarnation: this.resolvedIncarnation as Incarnation }
      const value = new Uint8Array(32)
      let code: Uint8Array | null = null
      if (this.resolvedCodeLength !== NO_CODE) {
        limbsToBytes(this.valueLimbs, 0, value, 0)
        code = this.code.read({ offset: this.resolvedCodeOffset, length: this.resolvedCodeLength })
      } else {
        const total = this.sum
        addLimbs(total, this.valueLimbs, 0)
        limbsToBytes(total, 0, value, 0)
      }
      finals.push({ kind: 'value', location: this.table.keyOf(id as LocationId), writer, value, code })
    }
    if (options.sorted !== false) finals.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0))
    return finals
  }

  // ------------------------------------------------------------------
  // Code area.

  /** Copies code bytes into the shared code area. (record does this for WriteSet.setCode.) */
  writeCode(code: Uint8Array): CodeRef {
    return this.code.write(code)
  }

  /** A copy of code bytes from a ReadSlot / ReadOutcome code reference. */
  readCode(ref: CodeRef): Uint8Array {
    return this.code.read(ref)
  }

  /** The shared bytes without copying (immutable once written). */
  codeView(ref: CodeRef): Uint8Array {
    return this.code.view(ref)
  }

  // ------------------------------------------------------------------
  // Inspection (tests, diagnostics).

  /** Locations written by `tx`'s latest record (pre-marked ones before its first execution). */
  recordedWrites(tx: number): LocationKey[] {
    this.checkTx(tx)
    const record = this.recordOf(tx)
    if (record === 0) return []
    const arena = this.arena.words
    const keys: LocationKey[] = []
    const count = arena[record + REC_WRITE_COUNT]!
    for (let i = 0, at = record + REC_HEADER_WORDS; i < count; i++, at += WRITE_WORDS) keys.push(this.table.keyOf(arena[at]! as LocationId))
    return keys
  }

  /** The incarnation of `tx`'s latest record: -1 (PREMARK) for pre-marks only, null if none. */
  recordedIncarnation(tx: number): number | null {
    this.checkTx(tx)
    const record = this.recordOf(tx)
    return record === 0 ? null : this.arena.words[record + REC_INCARNATION]!
  }

  recordedReads(tx: number): RecordedRead[] {
    this.checkTx(tx)
    const record = this.recordOf(tx)
    if (record === 0) return []
    const arena = this.arena.words
    const reads: RecordedRead[] = []
    const start = record + REC_HEADER_WORDS + arena[record + REC_WRITE_COUNT]! * WRITE_WORDS
    const end = start + arena[record + REC_READ_WORDS]!
    for (let at = start; at < end; ) {
      const originTx = arena[at + READ_ORIGIN_TX]!
      const hasDelta = (arena[at + READ_FLAGS]! & READ_HAS_DELTA) !== 0
      let deltaSum = 0n
      if (hasDelta) {
        const bytes = new Uint8Array(32)
        limbsToBytes(arena, at + READ_DELTA, bytes, 0)
        deltaSum = wordToBigInt(bytes)
      }
      reads.push({
        location: this.table.keyOf(arena[at + READ_LOCATION]! as LocationId),
        origin: originTx === BASE_ORIGIN ? 'base' : { tx: originTx as TxIndex, incarnation: arena[at + READ_ORIGIN_INCARNATION]! as Incarnation },
        deltaSum,
      })
      at += READ_WORDS + (hasDelta ? WORD_LIMBS : 0)
    }
    return reads
  }

  /** Every entry at `key`, highest tx first (including REMOVED tombstones). */
  entriesAt(key: LocationKey): EntryView[] {
    const location = this.table.find(key)
    if (location === -1) return []
    const views: EntryView[] = []
    for (let entry = Atomics.load(this.state, location * LOCATION_WORDS + HEAD); entry !== 0; ) {
      this.coverEntry(entry)
      const words = this.entries.words
      const base = entry * ENTRY_WORDS
      const header = Atomics.load(words, base + HEADER)
      const bytes = new Uint8Array(32)
      limbsToBytes(words, base + VALUE, bytes, 0)
      views.push({
        tx: words[base + TX]! as TxIndex,
        incarnation: headerIncarnation(header) as Incarnation,
        kind: ENTRY_KIND_NAMES[headerKind(header)] as EntryView['kind'],
        value: wordToBigInt(bytes),
      })
      entry = Atomics.load(words, base + NEXT)
    }
    return views
  }

  usage(): MVMemoryUsage {
    return {
      locations: this.table.count,
      locationCapacity: this.table.capacity,
      entryBytes: this.entries.usedBytes(ENTRY_BYTES),
      arenaBytes: this.arena.usedBytes(4),
      codeBytes: this.code.usedBytes(),
    }
  }

  // ------------------------------------------------------------------
  // Private machinery.

  /**
   * Walks `location`'s entries below `reader` (see the file comment). Leaves
   * the result in the resolved* fields, the delta sum in `sum` and, if
   * `copyValue`, the value limbs in `valueLimbs`.
   */
  private resolve(location: number, reader: number, copyValue: boolean): Resolved {
    const sum = this.sum
    sum.fill(0)
    this.resolvedHasDelta = false
    let words = this.entries.words
    for (let entry = Atomics.load(this.state, location * LOCATION_WORDS + HEAD); entry !== 0; ) {
      const base = entry * ENTRY_WORDS
      if (base + ENTRY_WORDS > words.length) {
        this.entries.coverBytes((base + ENTRY_WORDS) * 4)
        words = this.entries.words
      }
      // TX never changes once the entry is linked, and we reached the entry
      // through an Atomics.load of the link that published it: a plain read is enough.
      const tx = words[base + TX]!
      if (tx < reader) {
        for (;;) {
          const header = Atomics.load(words, base + HEADER)
          const kind = headerKind(header)
          if (kind === EntryKind.Removed) break
          if (kind === EntryKind.Estimate) {
            // A distrusted hint's pre-mark (its writer has not executed yet) is read through; see record().
            if (this.trust !== undefined && this.trust.isDistrusted() && this.isPremarkOnly(tx)) {
              this.trust.noteReadThrough(tx)
              break
            }
            this.resolvedTx = tx
            return RESOLVED_BLOCKED
          }
          if (kind === EntryKind.Writing) continue
          if (kind === EntryKind.Delta) {
            const limbs = this.limbs
            for (let i = 0; i < WORD_LIMBS; i++) limbs[i] = Atomics.load(words, base + VALUE + i)
            if (Atomics.load(words, base + HEADER) !== header) continue // rewritten while we copied: retry
            addLimbs(sum, limbs, 0)
            this.resolvedHasDelta = true
            break
          }
          // EntryKind.Value
          if (copyValue) {
            const value = this.valueLimbs
            for (let i = 0; i < WORD_LIMBS; i++) value[i] = Atomics.load(words, base + VALUE + i)
            this.resolvedCodeOffset = Atomics.load(words, base + CODE_OFFSET)
            this.resolvedCodeLength = Atomics.load(words, base + CODE_LENGTH)
            if (Atomics.load(words, base + HEADER) !== header) continue
          }
          this.resolvedTx = tx
          this.resolvedIncarnation = headerIncarnation(header)
          return RESOLVED_VALUE
        }
      }
      entry = Atomics.load(words, base + NEXT)
    }
    return RESOLVED_BASE
  }

  /** The entry of (location, tx) if one was ever inserted (possibly REMOVED), else 0. Lock-free. */
  private findEntry(location: number, tx: number): number {
    let words = this.entries.words
    for (let entry = Atomics.load(this.state, location * LOCATION_WORDS + HEAD); entry !== 0; ) {
      const base = entry * ENTRY_WORDS
      if (base + ENTRY_WORDS > words.length) {
        this.entries.coverBytes((base + ENTRY_WORDS) * 4)
        words = this.entries.words
      }
      const entryTx = words[base + TX]!
      if (entryTx === tx) return entry
      if (entryTx < tx) return 0
      entry = Atomics.load(words, base + NEXT)
    }
    return 0
  }

  /**
   * A new entry for (location, tx), linked in tx-descending order. Only the
   * worker owning tx's current incarnation inserts tx's entries, and it has
   * checked (findEntry) that there is none, so the list cannot already hold tx.
   */
  private insertEntry(location: number, tx: number, header: number, limbs: Int32Array, limbsAt: number, codeOffset: number, codeLength: number): number {
    const entry = this.entries.allocate(1, ENTRY_BYTES)
    let words = this.entries.words
    const base = entry * ENTRY_WORDS
    words[base + TX] = tx
    words[base + CODE_OFFSET] = codeOffset
    words[base + CODE_LENGTH] = codeLength
    for (let i = 0; i < WORD_LIMBS; i++) words[base + VALUE + i] = limbs[limbsAt + i]!
    Atomics.store(words, base + HEADER, header)

    const state = this.state
    const headAt = location * LOCATION_WORDS + HEAD
    acquireSpinLock(state, location * LOCATION_WORDS + LOCK)
    let previous = 0
    let next = Atomics.load(state, headAt)
    while (next !== 0) {
      if ((next + 1) * ENTRY_WORDS > words.length) {
        this.entries.coverBytes((next + 1) * ENTRY_WORDS * 4) // allocated by another thread after our view was made
        words = this.entries.words
      }
      const nextTx = words[next * ENTRY_WORDS + TX]!
      if (nextTx < tx) break
      if (nextTx === tx) {
        releaseSpinLock(state, location * LOCATION_WORDS + LOCK)
        throw new SchedulerInvariantError(`two entries for transaction ${tx} at ${describeLocation(this.table.keyOf(location as LocationId))}`)
      }
      previous = next
      next = Atomics.load(words, next * ENTRY_WORDS + NEXT)
    }
    Atomics.store(words, base + NEXT, next)
    // Publish: a reader that loads this link sees the whole entry above.
    if (previous === 0) Atomics.store(state, headAt, entry)
    else Atomics.store(words, previous * ENTRY_WORDS + NEXT, entry)
    releaseSpinLock(state, location * LOCATION_WORDS + LOCK)
    return entry
  }

  /** Rewrites an existing entry in place under the seqlock protocol (file comment). */
  /**
   * A re-execution that writes exactly what its previous incarnation wrote
   * keeps that entry's version: readers that saw the value stay valid
   * (validation compares versions as a proxy for values, and the value is the
   * same). A changed kind (VALUE ↔ DELTA) is still seen, through a changed
   * origin. Without this, every re-execution of a writer of a hot location
   * aborts all of its later readers, even when it writes the same value.
   */
  private rewriteKeepingVersion(entry: number, header: number, limbs: Int32Array, limbsAt: number, codeOffset: number, codeLength: number): void {
    // The entry may have been added by another worker after the entries grew past this thread's view.
    this.coverEntry(entry)
    const words = this.entries.words
    const base = entry * ENTRY_WORDS
    let same = true
    for (let i = 0; i < WORD_LIMBS && same; i++) same = Atomics.load(words, base + VALUE + i) === limbs[limbsAt + i]
    const version = same ? headerIncarnation(Atomics.load(words, base + HEADER)) : headerIncarnation(header)
    this.rewrite(entry, packHeader(version, headerKind(header)), limbs, limbsAt, codeOffset, codeLength)
  }

  private rewrite(entry: number, header: number, limbs: Int32Array, limbsAt: number, codeOffset: number, codeLength: number): void {
    this.coverEntry(entry)
    const words = this.entries.words
    const base = entry * ENTRY_WORDS
    Atomics.store(words, base + HEADER, packHeader(headerIncarnation(header), EntryKind.Writing))
    for (let i = 0; i < WORD_LIMBS; i++) Atomics.store(words, base + VALUE + i, limbs[limbsAt + i]!)
    Atomics.store(words, base + CODE_OFFSET, codeOffset)
    Atomics.store(words, base + CODE_LENGTH, codeLength)
    Atomics.store(words, base + HEADER, header)
  }

  private publishRecord(tx: number, incarnation: number, writes: Int32Array, reads: Int32Array): void {
    const size = REC_HEADER_WORDS + writes.length + reads.length
    const record = this.arena.allocate(size, 4)
    const arena = this.arena.words
    arena[record + REC_INCARNATION] = incarnation
    arena[record + REC_WRITE_COUNT] = writes.length / WRITE_WORDS
    arena[record + REC_READ_WORDS] = reads.length
    arena.set(writes, record + REC_HEADER_WORDS)
    arena.set(reads, record + REC_HEADER_WORDS + writes.length)
    // Publish: validators load this offset and then read the immutable record.
    Atomics.store(arena, TX_RECORDS + tx, record)
  }

  /** Whether tx's latest record is its pre-marks (it has not recorded an execution yet). */
  private isPremarkOnly(tx: number): boolean {
    const record = this.recordOf(tx)
    return record !== 0 && this.arena.words[record + REC_INCARNATION] === PREMARK
  }

  /** The word offset of tx's latest record (0 = none), with this thread's view covering it. */
  private recordOf(tx: number): number {
    const record = Atomics.load(this.arena.words, TX_RECORDS + tx)
    if (record === 0) return 0
    const arena = this.arena
    if (record + REC_HEADER_WORDS > arena.words.length) arena.coverBytes((record + REC_HEADER_WORDS) * 4)
    const words = arena.words
    const end = record + REC_HEADER_WORDS + words[record + REC_WRITE_COUNT]! * WRITE_WORDS + words[record + REC_READ_WORDS]!
    if (end > words.length) arena.coverBytes(end * 4)
    return record
  }

  private coverEntry(entry: number): void {
    const end = (entry + 1) * ENTRY_WORDS
    if (end > this.entries.words.length) this.entries.coverBytes(end * 4)
  }

  private checkTx(tx: number): void {
    if (!Number.isInteger(tx) || tx < 0 || tx >= this.txCount) {
      throw new RangeError(`transaction index ${tx} outside the block of ${this.txCount}`)
    }
  }
}

/** Whether a read set (record words) read some location last written by a transaction in [from, to), or summed a lazy credit of one. */
function readsFromRange(reads: Int32Array, from: number, to: number, creditedInRange: (location: number) => boolean): boolean {
  for (let at = 0; at < reads.length; ) {
    const origin = reads[at + READ_ORIGIN_TX]!
    if (origin !== BASE_ORIGIN && origin >= from && origin < to) return true
    const hasDelta = (reads[at + READ_FLAGS]! & READ_HAS_DELTA) !== 0
    // A read that summed lazy credits saw every delta below it, whatever its origin.
    if (hasDelta && creditedInRange(reads[at + READ_LOCATION]!)) return true
    at += READ_WORDS + (hasDelta ? WORD_LIMBS : 0)
  }
  return false
}
