/**
 * Word layouts of the multi-version memory's shared buffers. mvmemory.ts
 * explains the protocols; this file names every word.
 *
 * locationState (fixed SharedArrayBuffer, Int32), LOCATION_WORDS per location id:
 *   +0 HEAD   the entry with the highest tx at this location, 0 = none.
 *             Atomics.store under LOCK only; readers Atomics.load it.
 *   +1 LOCK   spin lock serialising insertions into this location's list.
 *
 * entries (growable SharedArrayBuffer, Int32), ENTRY_WORDS per entry; entry 0
 * is the area header (word 0 = bump pointer in entries), so index 0 means "none":
 *   +0  HEADER       incarnation << 3 | kind        (the seqlock word, see mvmemory.ts)
 *   +1  TX           the writing transaction; written before the entry is linked, never changed
 *   +2  NEXT         the entry with the next lower tx, 0 = end. Atomics.store under the location LOCK
 *   +3  CODE_OFFSET  code locations: byte offset of the code in the code area   } payload, written
 *   +4  CODE_LENGTH  code locations: its length; NO_CODE otherwise               } between HEADER
 *   +5..+7           (reserved)                                                  } = WRITING and the
 *   +8..+15 VALUE    the 32-byte value or delta as 8 big-endian limbs             } final HEADER
 *
 * arena (growable SharedArrayBuffer, Int32): per-transaction records of what
 * the last incarnation read and wrote, so that any worker can validate it:
 *   word 0  ARENA_NEXT   bump pointer (words)
 *   word 1  FAULTS       test-only fault flags (masks below), written once
 *   word 2  ARENA_TX_COUNT
 *   word 3  RECORD_SEQUENCE  records published in this block (Atomics.add after each)
 *   word 16 RECORD_LOG[RECORD_LOG_SIZE]  ring of the latest records, 2 words each:
 *           +0 the record's sequence number (0 while the pair is rewritten), +1 its tx
 *   word 16 + 2 × RECORD_LOG_SIZE: TX_RECORDS[txCount]  word offset of each transaction's latest record, 0 = none;
 *           published with Atomics.store after the record is complete
 *   records (immutable once published):
 *     +0 REC_INCARNATION  incarnation that recorded it, PREMARK for pre-marked estimates
 *     +1 REC_WRITE_COUNT
 *     +2 REC_READ_WORDS   words of read records that follow the writes
 *     +3 (reserved)
 *     +4 writes: REC_WRITE_COUNT × (location id, entry index)
 *        reads:  (location id, origin tx or BASE_ORIGIN, origin incarnation, flags)
 *                followed by 8 delta-sum limbs when flags has READ_HAS_DELTA
 *
 * code (growable SharedArrayBuffer, bytes): word 0 is the bump pointer in
 * bytes; code byte strings follow from CODE_DATA_AT, immutable once written.
 */

// locationState
export const HEAD = 0
export const LOCK = 1
export const LOCATION_WORDS = 2

// entries
export const HEADER = 0
export const TX = 1
export const NEXT = 2
export const CODE_OFFSET = 3
export const CODE_LENGTH = 4
export const VALUE = 8
export const ENTRY_WORDS = 16
export const ENTRY_BYTES = ENTRY_WORDS * 4
export const NO_CODE = -1

/** Entry kinds: the low three bits of HEADER (an enumeration, not flags). */
export const EntryKind = {
  /** Written by an earlier incarnation that the latest one did not repeat: readers skip it. */
  Removed: 0,
  Value: 1,
  Delta: 2,
  /** The writer was aborted (or pre-marked): readers above it must wait for it. */
  Estimate: 3,
  /** The payload is being rewritten in place: readers retry. */
  Writing: 4,
} as const
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind]

const KIND_BITS = 3
const KIND_MASK = (1 << KIND_BITS) - 1

export function packHeader(incarnation: number, kind: EntryKind): number {
  return (incarnation << KIND_BITS) | kind
}

export function headerKind(header: number): EntryKind {
  return (header & KIND_MASK) as EntryKind
}

export function headerIncarnation(header: number): number {
  return header >>> KIND_BITS
}

// arena
export const ARENA_NEXT = 0
export const FAULTS = 1
export const ARENA_TX_COUNT = 2
export const RECORD_SEQUENCE = 3
export const RECORD_LOG = 16
export const RECORD_LOG_SIZE = 64
export const TX_RECORDS = RECORD_LOG + 2 * RECORD_LOG_SIZE

export const REC_INCARNATION = 0
export const REC_WRITE_COUNT = 1
export const REC_READ_WORDS = 2
export const REC_HEADER_WORDS = 4
export const WRITE_WORDS = 2

export const READ_LOCATION = 0
export const READ_ORIGIN_TX = 1
export const READ_ORIGIN_INCARNATION = 2
export const READ_FLAGS = 3
export const READ_DELTA = 4
export const READ_WORDS = 4
/** READ_FLAGS bit: a delta sum follows. */
export const READ_HAS_DELTA = 1 << 0
/** READ_ORIGIN_TX of a read that found no VALUE entry (pre-block state). */
export const BASE_ORIGIN = -1
/** REC_INCARNATION of a record made by preMarkEstimates before any execution. */
export const PREMARK = -1

/** FAULTS bits (test-only fault injection; masks, never positions). */
export const FAULT_SKIP_VALIDATION = 1 << 0
export const FAULT_SKIP_ESTIMATES = 1 << 1

// code
export const CODE_NEXT = 0
export const CODE_DATA_AT = 64
