/**
 * Trust in scheduling hints, judged while the block runs, in shared memory so
 * that every worker judges and every worker obeys.
 *
 * Hints are advice, never truth. They can only cost time, in two ways:
 *   - a start dependency (j after i) parks j until i has executed once;
 *   - a pre-marked ESTIMATE of i at location L makes readers of L above i
 *     wait until i has executed once.
 * Each kind is judged when the truth becomes known, by the worker that learns it:
 *   - start dependency: when j (which waited on i) records its execution: the
 *     wait was useful if j read some location last written by a transaction in
 *     [i, j) — i or something after it, which the wait let j see — or a sum
 *     of lazy credits (a DELTA: the beneficiary's fees) one of them added to;
 *   - pre-marks: when i records its first execution: each pre-marked location
 *     i really wrote is a hit, each one it did not write a miss (the paper's
 *     "predicted predecessor that never writes the location").
 * When the evidence says the hints are mostly wrong (see `distrustReason`),
 * trust is revoked, once and for all for this block: from then on start
 * dependencies are skipped (scheduler.ts) and readers read through pre-marked
 * ESTIMATEs of transactions that have not executed yet (mvmemory.ts). A hint
 * never decides a result, trusted or not: validation does.
 *
 *   TRUSTED --distrustReason(counts) ≠ none--> DISTRUSTED   (never back)
 *
 * Layout (one Int32Array over a SharedArrayBuffer):
 *   0  DISTRUSTED       0 | reason code; set once by compareExchange from 0
 *   1  START_JUDGED     start-dependency waits judged (Atomics.add)
 *   2  START_USEFUL     of those, useful ones
 *   3  PREMARK_JUDGED   pre-marked locations judged
 *   4  PREMARK_HITS     of those, written by their transaction
 *   5  MODE             MONITOR (judge and revoke) | ALWAYS (judge, never revoke)
 *   6  REVOKED_AFTER    judged hints (both kinds) when trust was revoked
 *   7  RELEASED         0 → 1 by the one thread that wakes the parked transactions after a revoke
 *   8  per transaction, TX_WORDS words each:
 *        +0 WAITED_ON     start dependency it last parked on, + 1 (0 = none), for the judge
 *        +1 READ_THROUGH  1 once a reader read through one of its pre-marks (never back to 0)
 *
 * Why READ_THROUGH: a reader that read through tx's pre-mark may have read a
 * stale value, so tx's first recorded write must send higher transactions
 * back to validation (mvmemory.ts record). The reader sets the flag before
 * its execution ends; tx loads it after rewriting its entries. If tx misses
 * the flag, the reader's flag store came after tx's rewrites, so the reader's
 * own validation (after its execution) sees tx's new values anyway.
 */

const DISTRUSTED = 0
const START_JUDGED = 1
const START_USEFUL = 2
const PREMARK_JUDGED = 3
const PREMARK_HITS = 4
const MODE = 5
const REVOKED_AFTER = 6
const RELEASED = 7
const PER_TX = 8
const TX_WORDS = 2
const WAITED_ON = 0
const READ_THROUGH = 1

const MONITOR = 0
const ALWAYS = 1

/** Judged start-dependency waits before their usefulness can revoke trust. */
export const MIN_START_JUDGED = 4
/** Judged pre-marked locations before their hit rate can revoke trust. */
export const MIN_PREMARK_JUDGED = 16

export type DistrustReason = 'none' | 'useless-start-dependencies' | 'unwritten-estimates'
const REASONS: readonly DistrustReason[] = ['none', 'useless-start-dependencies', 'unwritten-estimates']

export interface TrustCounts {
  readonly startJudged: number
  readonly startUseful: number
  readonly premarkJudged: number
  readonly premarkHits: number
}

/**
 * The policy, pure: revoke when fewer than half of the judged start waits were
 * useful, or fewer than a quarter of the judged pre-marked locations were
 * written (pre-marks over-approximate more: a contract may or may not write a
 * predicted slot depending on its input).
 */
export function distrustReason(counts: TrustCounts): DistrustReason {
  if (counts.startJudged >= MIN_START_JUDGED && 2 * counts.startUseful < counts.startJudged) return 'useless-start-dependencies'
  if (counts.premarkJudged >= MIN_PREMARK_JUDGED && 4 * counts.premarkHits < counts.premarkJudged) return 'unwritten-estimates'
  return 'none'
}

export interface TrustReport extends TrustCounts {
  readonly distrusted: DistrustReason
  /** Judged hints (both kinds) when trust was revoked; 0 if it never was. */
  readonly revokedAfter: number
}

export class HintTrust {
  readonly buffer: SharedArrayBuffer
  private readonly words: Int32Array

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer
    this.words = new Int32Array(buffer)
  }

  /** `alwaysTrust`: judge but never revoke (to measure what the fallback saves). */
  static create(txCount: number, options: { readonly alwaysTrust?: boolean } = {}): HintTrust {
    if (!Number.isInteger(txCount) || txCount < 0) throw new RangeError(`HintTrust.create: txCount must be a non-negative integer, got ${txCount}`)
    const trust = new HintTrust(new SharedArrayBuffer((PER_TX + TX_WORDS * txCount) * Int32Array.BYTES_PER_ELEMENT))
    Atomics.store(trust.words, MODE, options.alwaysTrust === true ? ALWAYS : MONITOR)
    return trust
  }

  static attach(buffer: SharedArrayBuffer): HintTrust {
    if (!(buffer instanceof SharedArrayBuffer)) throw new TypeError('HintTrust.attach: expected the SharedArrayBuffer from HintTrust.create')
    return new HintTrust(buffer)
  }

  /** Monotone: once true, true for the rest of the block. */
  isDistrusted(): boolean {
    return Atomics.load(this.words, DISTRUSTED) !== 0
  }

  /** Before tx parks on a start dependency of `blocker` (by the owner of EXECUTING(tx)). 0 clears. */
  noteStartWait(tx: number, blocker: number | undefined): void {
    Atomics.store(this.words, PER_TX + TX_WORDS * tx + WAITED_ON, blocker === undefined ? 0 : blocker + 1)
  }

  /** The start dependency tx last waited on, consumed (so each wait is judged once), or -1. */
  takeStartWait(tx: number): number {
    return Atomics.exchange(this.words, PER_TX + TX_WORDS * tx + WAITED_ON, 0) - 1
  }

  /**
   * True for exactly one caller, after trust was revoked: that caller wakes
   * every transaction parked on a (now ignored) start dependency.
   */
  claimRelease(): boolean {
    return this.isDistrusted() && Atomics.load(this.words, RELEASED) === 0 && Atomics.compareExchange(this.words, RELEASED, 0, 1) === 0
  }

  /** A reader is about to read through a pre-mark of `tx` (see READ_THROUGH above). */
  noteReadThrough(tx: number): void {
    if (Atomics.load(this.words, PER_TX + TX_WORDS * tx + READ_THROUGH) === 0) Atomics.store(this.words, PER_TX + TX_WORDS * tx + READ_THROUGH, 1)
  }

  wasReadThrough(tx: number): boolean {
    return Atomics.load(this.words, PER_TX + TX_WORDS * tx + READ_THROUGH) !== 0
  }

  judgeStartWait(useful: boolean): void {
    Atomics.add(this.words, START_JUDGED, 1)
    if (useful) Atomics.add(this.words, START_USEFUL, 1)
    this.reconsider()
  }

  judgePremarks(hits: number, misses: number): void {
    if (hits + misses === 0) return
    Atomics.add(this.words, PREMARK_JUDGED, hits + misses)
    if (hits > 0) Atomics.add(this.words, PREMARK_HITS, hits)
    this.reconsider()
  }

  counts(): TrustCounts {
    const words = this.words
    return {
      startJudged: Atomics.load(words, START_JUDGED),
      startUseful: Atomics.load(words, START_USEFUL),
      premarkJudged: Atomics.load(words, PREMARK_JUDGED),
      premarkHits: Atomics.load(words, PREMARK_HITS),
    }
  }

  report(): TrustReport {
    return { ...this.counts(), distrusted: REASONS[Atomics.load(this.words, DISTRUSTED)]!, revokedAfter: Atomics.load(this.words, REVOKED_AFTER) }
  }

  private reconsider(): void {
    if (Atomics.load(this.words, MODE) === ALWAYS || this.isDistrusted()) return
    const counts = this.counts()
    const reason = distrustReason(counts)
    if (reason === 'none') return
    if (Atomics.compareExchange(this.words, DISTRUSTED, 0, REASONS.indexOf(reason)) === 0) {
      Atomics.store(this.words, REVOKED_AFTER, counts.startJudged + counts.premarkJudged)
    }
  }
}
