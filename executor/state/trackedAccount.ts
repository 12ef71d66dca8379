/**
 * An `Account` that tells the access recorder which of its fields the EVM
 * actually looks at. `getAccount` returns the whole account, but a CALL that
 * only checks the balance must not be recorded as reading the nonce and the
 * code: the getters record field by field, on first use.
 */
import { Account, KECCAK256_RLP } from '@ethereumjs/util'

import type { AccessRecorder } from './accessRecorder.js'

const NON_EMPTY_STORAGE_ROOT = new Uint8Array(32).fill(0xee)

export class TrackedAccount extends Account {
  constructor(
    nonce: bigint,
    balance: bigint,
    codeHash: Uint8Array,
    private readonly address: Uint8Array,
    private readonly recorder: AccessRecorder,
    private readonly hasStorage: () => boolean,
  ) {
    super(nonce, balance, KECCAK256_RLP, codeHash)
  }

  override get nonce(): bigint {
    this.recorder.readNonce(this.address)
    return super.nonce
  }
  override set nonce(value: bigint) {
    super.nonce = value
  }

  override get balance(): bigint {
    this.recorder.readBalance(this.address)
    return super.balance
  }
  override set balance(value: bigint) {
    super.balance = value
  }

  override get codeHash(): Uint8Array {
    this.recorder.readCode(this.address)
    return super.codeHash
  }
  override set codeHash(value: Uint8Array) {
    super.codeHash = value
  }

  /** Only the CREATE collision check (EIP-7610) asks: computed on demand. */
  override get storageRoot(): Uint8Array {
    return this.hasStorage() ? NON_EMPTY_STORAGE_ROOT : KECCAK256_RLP
  }
  override set storageRoot(value: Uint8Array) {
    super.storageRoot = value
  }
}
