import type { Account, Address } from '@ethereumjs/util'

/**
 * What the block-level rules (system calls before the transactions,
 * withdrawals and rewards after them) need from the state. The sequential
 * reference passes the VM's journal, so that credited accounts are "touched"
 * exactly as ethereumjs's `runBlock` touches them.
 */
export interface BlockJournal {
  getAccount(address: Address): Promise<Account | undefined>
  putAccount(address: Address, account: Account): Promise<void>
  getCode(address: Address): Promise<Uint8Array>
  putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void>
  /** EIP-161: delete the touched accounts that are empty. */
  cleanup(): Promise<void>
}
