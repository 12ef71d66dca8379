/**
 * What a multi-version read returns, and the read set an execution builds
 * from its reads.
 *
 * Two shapes of the same result:
 * - `ReadOutcome`, a discriminated union, allocated per call: convenient.
 * - `ReadSlot`, a caller-owned mutable object that `MVMemory.readInto` fills
 *   in place: no allocation on the executor's hot path (~50 reads per
 *   transaction). Its `value` / `deltaSum` byte arrays are overwritten by
 *   the next read into the same slot.
 *
 * Meaning of a read by transaction `reader` at a location (entries of lower
 * transactions, highest first): the first VALUE gives `value` (written by
 * `origin`), every DELTA above it adds into `deltaSum` (mod 2^256); no VALUE
 * at all gives `base`: combine the pre-block value (which the multi-version
 * memory does not know) with `deltaSum`. An ESTIMATE before any VALUE gives
 * `blocked`: the reader must wait for transaction `on` (Scheduler.addDependency).
 *
 * The read set keeps, per read, the location, the origin and the delta sum.
 * Validation later re-reads and compares exactly those: same origin (same
 * transaction and incarnation, or base) and same delta sum.
 */
import type { TxIndex, TxVersion } from '../src/shared/types.js'
import type { LocationId } from './locationTable.js'
import { BASE_ORIGIN, NO_CODE, READ_DELTA, READ_FLAGS, READ_HAS_DELTA, READ_LOCATION, READ_ORIGIN_INCARNATION, READ_ORIGIN_TX, READ_WORDS } from './mvLayout.js'
import { WORD_BYTES, WORD_LIMBS, bytesToLimbs } from './word256.js'

/** Where a code value lives in the shared code area. */
export interface CodeRef {
  readonly offset: number
  readonly length: number
}

export type ReadOutcome =
  | {
      readonly kind: 'value'
      readonly location: LocationId
      readonly origin: TxVersion
      readonly value: Uint8Array
      /** Sum of the DELTA entries above the VALUE, or null if there were none. */
      readonly deltaSum: Uint8Array | null
      /** For code locations: the code (value holds the code hash). */
      readonly code: CodeRef | null
    }
  | { readonly kind: 'base'; readonly location: LocationId; readonly deltaSum: Uint8Array | null }
  | { readonly kind: 'blocked'; readonly location: LocationId; readonly on: TxIndex }

export type ReadKind = ReadOutcome['kind']

/** A reusable, caller-owned read result (see the file comment). */
export class ReadSlot {
  kind: ReadKind = 'base'
  location = 0 as LocationId
  /** The writer of `value`; BASE_ORIGIN (-1) for base reads. */
  originTx = BASE_ORIGIN
  originIncarnation = 0
  /** For `blocked`: the transaction whose ESTIMATE stopped the read. */
  blockedOn = -1
  /** Whether any DELTA entry was summed (deltaSum is all zeros otherwise). */
  hasDelta = false
  readonly value = new Uint8Array(WORD_BYTES)
  readonly deltaSum = new Uint8Array(WORD_BYTES)
  /** For code values: where the code is (codeLength === NO_CODE otherwise). */
  codeOffset = 0
  codeLength = NO_CODE

  get origin(): TxVersion | null {
    return this.kind === 'value' ? ({ tx: this.originTx, incarnation: this.originIncarnation } as TxVersion) : null
  }

  /** This slot as an (allocated) ReadOutcome. */
  toOutcome(): ReadOutcome {
    const location = this.location
    switch (this.kind) {
      case 'blocked':
        return { kind: 'blocked', location, on: this.blockedOn as TxIndex }
      case 'base':
        return { kind: 'base', location, deltaSum: this.hasDelta ? this.deltaSum.slice() : null }
      case 'value':
        return {
          kind: 'value',
          location,
          origin: this.origin!,
          value: this.value.slice(),
          deltaSum: this.hasDelta ? this.deltaSum.slice() : null,
          code: this.codeLength === NO_CODE ? null : { offset: this.codeOffset, length: this.codeLength },
        }
    }
  }
}

/** Reads copied out of a ReadSet: its words and how many reads they hold. */
export interface RecordedReads {
  readonly words: Int32Array
  readonly count: number
}

/**
 * The reads of one execution, in a growable local Int32Array laid out exactly
 * like the read part of a shared record (mvLayout.ts), so that
 * MVMemory.record copies it with one `set`. Reuse one per worker: `clear()`
 * before each execution.
 */
export class ReadSet {
  private data = new Int32Array(512)
  private used = 0
  private count = 0

  clear(): void {
    this.used = 0
    this.count = 0
  }

  /** Number of reads recorded. */
  get size(): number {
    return this.count
  }

  /** Records a read that returned `value` or `base` (a `blocked` read is not a read). */
  add(read: ReadSlot | ReadOutcome): void {
    if (read.kind === 'blocked') throw new TypeError('ReadSet.add: a blocked read has no result to record; wait for the writer and read again')
    const hasDelta = read instanceof ReadSlot ? read.hasDelta : read.deltaSum !== null
    const words = READ_WORDS + (hasDelta ? WORD_LIMBS : 0)
    if (this.used + words > this.data.length) this.growTo(this.used + words)
    const at = this.used
    const data = this.data
    data[at + READ_LOCATION] = read.location
    if (read instanceof ReadSlot) {
      data[at + READ_ORIGIN_TX] = read.kind === 'value' ? read.originTx : BASE_ORIGIN
      data[at + READ_ORIGIN_INCARNATION] = read.kind === 'value' ? read.originIncarnation : 0
      if (hasDelta) bytesToLimbs(read.deltaSum, 0, data, at + READ_DELTA)
    } else {
      data[at + READ_ORIGIN_TX] = read.kind === 'value' ? read.origin.tx : BASE_ORIGIN
      data[at + READ_ORIGIN_INCARNATION] = read.kind === 'value' ? read.origin.incarnation : 0
      if (hasDelta) bytesToLimbs(read.deltaSum!, 0, data, at + READ_DELTA)
    }
    data[at + READ_FLAGS] = hasDelta ? READ_HAS_DELTA : 0
    this.used += words
    this.count++
  }

  /** The recorded words (a view; valid until the next add/clear). */
  recordWords(): Int32Array {
    return this.data.subarray(0, this.used)
  }

  /** Number of recorded words: a position in the read set that later reads do not move. */
  get wordCount(): number {
    return this.used
  }

  /** A copy of the reads so far (a read checkpoint keeps one). */
  copy(): RecordedReads {
    return { words: this.data.slice(0, this.used), count: this.count }
  }

  /** Replaces the reads with a copy's (resuming an execution from a read checkpoint). */
  restore(reads: RecordedReads): void {
    if (reads.words.length > this.data.length) this.growTo(reads.words.length)
    this.data.set(reads.words)
    this.used = reads.words.length
    this.count = reads.count
  }

  /** Whether the recorded words begin with `prefix` (same locations, origins and delta sums). */
  startsWith(prefix: Int32Array): boolean {
    if (prefix.length > this.used) return false
    for (let i = 0; i < prefix.length; i++) if (this.data[i] !== prefix[i]) return false
    return true
  }

  private growTo(words: number): void {
    let length = this.data.length * 2
    while (length < words) length *= 2
    const data = new Int32Array(length)
    data.set(this.data.subarray(0, this.used))
    this.data = data
  }
}
