/**
 * The access recorder of the sequential reference, taught the parallel
 * engine's lazy credits, so that a traced block's dependency structure is the
 * one the engine actually faces:
 *
 * - a CALL value credited to an account whose balance the transaction has not
 *   touched yet is a DELTA (txRunner.ts: `addCredit` while `balanceUnread`),
 *   not a read and a write;
 * - after the outermost call returns (settlement), the fee paid to the
 *   block's beneficiary is a DELTA too, and the beneficiary's account fields
 *   read on the way (a missing account, the empty-account check) are not
 *   reads (versionedAccount.ts, fee mode) — unless the transaction touched
 *   the beneficiary's balance before;
 * - a later real read of a credited balance turns the credit into a read (the
 *   engine then reads the balance before the transaction, plus the credit);
 *   but the empty-account check of settlement (ethereumjs's journal cleanup)
 *   reads nothing of a credited account: a positive pending credit already
 *   proves it non-empty (VersionedAccount.isEmpty).
 *
 * "Touched" is deliberately broad (read, or written other than by a lazy
 * credit): erring there only adds dependencies, so the bound stays a bound.
 */
import { type LocationKey, addressChars, balanceKey } from '../../src/shared/locations.js'
import { AccessRecorder, type TxAccess, type ValueSource } from '../../executor/state/accessRecorder.js'

export interface TracedAccess extends TxAccess {
  /** Balances credited lazily (never read by the transaction). */
  readonly deltas: ReadonlySet<LocationKey>
}

export class LazyCreditRecorder extends AccessRecorder {
  private touched = new Set<LocationKey>()
  private credits = new Set<LocationKey>()
  private creditReads = new Set<LocationKey>()
  /** > 0 while a lazy credit runs: its balance read and account write are not the transaction's. */
  private crediting = 0
  private settlement = false
  private readonly beneficiary: string

  constructor(state: ValueSource, beneficiary: Uint8Array) {
    super(state)
    this.beneficiary = addressChars(beneficiary)
  }

  override beginTransaction(): void {
    super.beginTransaction()
    this.touched = new Set()
    this.credits = new Set()
    this.creditReads = new Set()
    this.crediting = 0
    this.settlement = false
  }

  endTraced(): TracedAccess {
    const { reads, writes } = super.endTransaction()
    const allReads = new Set(reads)
    for (const key of this.creditReads) allReads.add(key)
    const netWrites = new Set([...writes].filter((key) => !this.credits.has(key)))
    return { reads: allReads, writes: netWrites, deltas: this.credits }
  }

  /** May a CALL value to `address` be credited lazily? (Its balance untouched so far.) */
  isLazyCredit(address: Uint8Array): boolean {
    const key = balanceKey(address)
    return !this.touched.has(key) || this.credits.has(key)
  }

  /** Runs a lazy credit of `address`: its balance becomes a DELTA. */
  async credit(address: Uint8Array, apply: () => Promise<void>): Promise<void> {
    this.credits.add(balanceKey(address))
    this.crediting++
    try {
      await apply()
    } finally {
      this.crediting--
    }
  }

  /** The outermost call returned: fee payments from here on. */
  enterSettlement(): void {
    this.settlement = true
  }

  private inFeeMode(address: Uint8Array): boolean {
    return this.settlement && addressChars(address) === this.beneficiary && !this.touched.has(balanceKey(address))
  }

  /** Settlement reads of an account with a pending credit (the empty-account check) read nothing. */
  private unread(address: Uint8Array): boolean {
    return this.inFeeMode(address) || (this.settlement && this.credits.has(balanceKey(address)))
  }

  override readBalance(address: Uint8Array): void {
    if (this.crediting > 0 || this.unread(address)) return
    const key = balanceKey(address)
    if (this.credits.delete(key)) this.creditReads.add(key)
    this.touched.add(key)
    super.readBalance(address)
  }

  override readNonce(address: Uint8Array): void {
    if (this.unread(address)) return
    super.readNonce(address)
  }

  override readCode(address: Uint8Array): void {
    if (this.unread(address)) return
    super.readCode(address)
  }

  override wroteAccount(address: Uint8Array): void {
    if (this.inFeeMode(address)) this.credits.add(balanceKey(address))
    else if (this.crediting === 0) this.touched.add(balanceKey(address))
    super.wroteAccount(address)
  }
}
