/**
 * The `Account` a worker's EVM sees: each field is resolved from the
 * multi-version memory only when the EVM reads it, so that a transaction's
 * read set names the fields it used (a CALL that checks the balance does not
 * read the nonce), and a credit that nobody reads stays a lazy increment.
 *
 * Fields start from the transaction's own writes (a snapshot taken when the
 * object is made); a field the transaction has not written is fetched on
 * first use as its value before the transaction — which is what an eager
 * ethereumjs Account made at the same moment would hold.
 *
 * Balance has three states:
 *   known     `_balance` holds the value (read, or set by the EVM)
 *   pending   only lazy credits so far: `pendingCredit` (not yet read)
 *   fee mode  after the EVM's call returned (settlement), runTx pays the
 *             block's beneficiary with `balance += fee`: the getter then
 *             answers the pending credit and the setter takes the new total
 *             as a credit, so fee payments never read the beneficiary.
 */
import { Account, KECCAK256_NULL, KECCAK256_RLP, equalsBytes } from '@ethereumjs/util'

export interface AccountFieldSource {
  /** The field's value before the transaction, recording the read. */
  readNonce(account: string): bigint
  readBalance(account: string): bigint
  readCodeHash(account: string): Uint8Array
  /** EIP-7610: may the account have storage (pre-state flag or writes in this transaction). */
  mayHaveStorage(account: string): boolean
}

export const DIRTY_NONCE = 1 << 0
export const DIRTY_BALANCE = 1 << 1
export const DIRTY_CODE_HASH = 1 << 2

const NON_EMPTY_STORAGE_ROOT = new Uint8Array(32).fill(0xee)

export class VersionedAccount extends Account {
  dirty = 0
  /** Credits not yet added to a read balance (pending state). */
  pendingCredit: bigint

  constructor(
    private readonly source: AccountFieldSource,
    readonly account: string,
    snapshot: { nonce: bigint | undefined; balance: bigint | undefined; pendingCredit: bigint; codeHash: Uint8Array | undefined },
    private readonly feeMode: boolean,
  ) {
    super(snapshot.nonce ?? null, snapshot.balance ?? null, KECCAK256_RLP, snapshot.codeHash ?? null, 0, 0)
    this.pendingCredit = snapshot.pendingCredit
  }

  /** True while the balance has not been read (lazy credits may be added). */
  get balanceUnread(): boolean {
    return this._balance === null
  }

  addCredit(amount: bigint): void {
    this.pendingCredit += amount
    this.dirty |= DIRTY_BALANCE
  }

  override get nonce(): bigint {
    if (this._nonce === null) this._nonce = this.source.readNonce(this.account)
    return this._nonce
  }
  override set nonce(value: bigint) {
    this._nonce = value
    this.dirty |= DIRTY_NONCE
  }

  override get balance(): bigint {
    if (this._balance === null) {
      if (this.feeMode) return this.pendingCredit
      this._balance = this.source.readBalance(this.account) + this.pendingCredit
      this.pendingCredit = 0n
    }
    return this._balance
  }
  override set balance(value: bigint) {
    if (this._balance === null && this.feeMode) {
      this.pendingCredit = value
    } else {
      this._balance = value
      this.pendingCredit = 0n
    }
    this.dirty |= DIRTY_BALANCE
  }

  override get codeHash(): Uint8Array {
    if (this._codeHash === null) this._codeHash = this.source.readCodeHash(this.account)
    return this._codeHash
  }
  override set codeHash(value: Uint8Array) {
    this._codeHash = value
    this.dirty |= DIRTY_CODE_HASH
  }

  override get storageRoot(): Uint8Array {
    return this.source.mayHaveStorage(this.account) ? NON_EMPTY_STORAGE_ROOT : KECCAK256_RLP
  }
  override set storageRoot(_value: Uint8Array) {}

  /** A positive pending credit proves the balance non-zero without reading it. */
  override isEmpty(): boolean {
    if (this._balance === null && this.pendingCredit > 0n) return false
    const balance = this._balance ?? this.source.readBalance(this.account) + this.pendingCredit
    return balance === 0n && this.nonce === 0n && equalsBytes(this.codeHash, KECCAK256_NULL)
  }

  override isContract(): boolean {
    return !equalsBytes(this.codeHash, KECCAK256_NULL)
  }
}
