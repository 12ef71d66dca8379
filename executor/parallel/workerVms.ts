/**
 * The worker's EVMs: one per hardfork, kept across blocks (creating a VM
 * costs milliseconds, mostly ethereumjs's parameter tables, on the critical
 * path of every block). Every VM runs over the worker's one VersionedState,
 * which is re-attached to each block's shared memory, and answers BLOCKHASH
 * from the worker's block-hash map, refilled for each block.
 *
 * Two hooks on each EVM make ETH credits lazy:
 * - `_addToBalance` (value of a CALL or CREATE): when the recipient's balance
 *   has not been read in this transaction, the value is added as a pending
 *   credit (a DELTA in the multi-version memory) instead of read-modify-write.
 * - `runCall` depth: when the outermost call returns, runTx settles gas and
 *   pays the beneficiary; the view enters its settlement phase, where the
 *   beneficiary's `balance += fee` is a pending credit too.
 *
 * After runTx was cut short by an exception thrown through the EVM (a
 * blocked read, an invalid transaction), the EVM's transaction-scoped state
 * can be left mid-way: `forgetCutShortTransaction` resets exactly that.
 */
import type { Common } from '@ethereumjs/common'
import type { EVM } from '@ethereumjs/evm'
import type { VM } from '@ethereumjs/vm'

import { createExecutionVm } from '../../src/chain/crypto/bn254.js'
import { type CheckpointHooks, attachCheckpointSession } from '../checkpoints/interpreterHooks.js'
import { blockHashLookup } from '../evm/blockHashes.js'
import { VersionedAccount } from './versionedAccount.js'
import type { VersionedState } from './versionedState.js'

interface LazyCreditEvm {
  _addToBalance(toAccount: unknown, message: { to: { bytes: Uint8Array }; value: bigint }): Promise<void>
  runCall: EVM['runCall']
}

export class WorkerVms {
  private readonly vms = new Map<string, Promise<VM>>()

  constructor(
    private readonly view: VersionedState,
    /** The current block's ancestors' hashes (the caller refills it for each block). */
    readonly blockHashes: Map<bigint, Uint8Array>,
    /** Read checkpoints: the hooks act only while the session is enabled for the block. */
    private readonly checkpoints?: CheckpointHooks,
  ) {}

  /** The VM for this hardfork (runTx insists that the block's and the VM's hardforks agree). */
  forCommon(common: Common): Promise<VM> {
    const key = `${common.chainId()}:${common.hardfork()}`
    let vm = this.vms.get(key)
    if (vm === undefined) {
      vm = this.create(common)
      this.vms.set(key, vm)
    }
    return vm
  }

  private async create(common: Common): Promise<VM> {
    const view = this.view
    const vm = await createExecutionVm({ common: common.copy(), stateManager: view, blockchain: blockHashLookup(this.blockHashes) as never })
    const evm = vm.evm as unknown as LazyCreditEvm
    if (this.checkpoints !== undefined) attachCheckpointSession(evm, this.checkpoints)
    const addToBalance = evm._addToBalance.bind(evm)
    evm._addToBalance = async (toAccount, message) => {
      if (message.value > 0n && toAccount instanceof VersionedAccount && toAccount.balanceUnread) {
        toAccount.addCredit(message.value)
        await vm.evm.journal.putAccount(message.to as never, toAccount)
      } else {
        await addToBalance(toAccount, message)
      }
    }
    onOutermostCallReturn(evm, () => {
      view.phase = 'settlement'
    })
    return vm
  }
}

/**
 * Calls `settle` when the EVM's outermost call returns: from then on runTx
 * only settles gas, refunds the sender and pays the beneficiary.
 */
export function onOutermostCallReturn<Options, Result>(evm: { runCall: (options: Options) => Promise<Result> }, settle: () => void): void {
  const runCall = evm.runCall.bind(evm)
  let depth = 0
  evm.runCall = async (options) => {
    depth++
    try {
      return await runCall(options)
    } finally {
      if (--depth === 0) settle()
    }
  }
}

interface TransactionScopedEvmState {
  journal: { cleanJournal(): void; accessList?: unknown; preimages?: unknown }
  transientStorage: { clear(): void; _indices: number[] }
  _stateGasSnapshots: unknown[]
}

/**
 * Resets the EVM's transaction-scoped state after runTx was cut short:
 * journal checkpoints of the frames the exception skipped, touched addresses
 * (which the next runTx's EIP-161 cleanup would read and delete inside the
 * next transaction), transient storage. Building a new VM instead costs
 * milliseconds per aborted execution. The state manager (our view) is reset
 * separately by VersionedState.begin.
 */
export function forgetCutShortTransaction(vm: VM): void {
  const evm = vm.evm as unknown as TransactionScopedEvmState
  evm.journal.cleanJournal()
  delete evm.journal.accessList
  delete evm.journal.preimages
  evm.transientStorage.clear()
  evm.transientStorage._indices = [0]
  evm._stateGasSnapshots = []
}
