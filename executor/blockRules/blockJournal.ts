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

/** The block journal of a VM: state reads from its state manager, account writes through its EVM journal (touch tracking). */
export function journalOfVm(vm: { stateManager: BlockJournalState; evm: { journal: { putAccount(address: Address, account: Account): Promise<void>; cleanup(): Promise<void> } } }): BlockJournal {
  return {
    getAccount: (address) => vm.stateManager.getAccount(address),
    putAccount: (address, account) => vm.evm.journal.putAccount(address, account),
    getCode: (address) => vm.stateManager.getCode(address),
    putStorage: (address, key, value) => vm.stateManager.putStorage(address, key, value),
    cleanup: () => vm.evm.journal.cleanup(),
  }
}

interface BlockJournalState {
  getAccount(address: Address): Promise<Account | undefined>
  getCode(address: Address): Promise<Uint8Array>
  putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void>
}
