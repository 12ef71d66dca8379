/**
 * Executes one incarnation of one transaction in a worker: ethereumjs's
 * `runTx` over the worker's `VersionedState`, returning what the Block-STM
 * loop needs (read set and write set, or the transaction it is blocked on)
 * and keeping the transaction's output (receipt, gas, error) for the end of
 * the block.
 *
 * Two hooks on the worker's EVM make ETH credits lazy:
 * - `_addToBalance` (value of a CALL or CREATE): when the recipient's balance
 *   has not been read in this transaction, the value is added as a pending
 *   credit (a DELTA in the multi-version memory) instead of read-modify-write.
 * - `runCall` depth: when the outermost call returns, runTx settles gas and
 *   pays the beneficiary; the view enters its settlement phase, where the
 *   beneficiary's `balance += fee` is a pending credit too.
 */
import type { Block } from '@ethereumjs/block'
import type { EVM } from '@ethereumjs/evm'
import { type VM, createVM, runTx } from '@ethereumjs/vm'

import type { ExecutionResult } from '../../scheduler/workerLoop.js'
import type { TxVersion } from '../../src/shared/types.js'
import { isAbortingError } from '../blockExecution.js'
import { evmCryptoOptions } from '../../src/chain/crypto/bn254.js'
import { blockHashLookup } from '../evm/blockHashes.js'
import { recoverSender } from '../senders.js'
import { BlockedRead, SequentialFallback } from './signals.js'
import type { TxOutput } from './txOutput.js'
import { VersionedAccount } from './versionedAccount.js'
import type { VersionedState } from './versionedState.js'

interface LazyCreditEvm {
  _addToBalance(toAccount: unknown, message: { to: { bytes: Uint8Array }; value: bigint }): Promise<void>
  runCall: EVM['runCall']
}

export class TxRunner {
  /** The latest output of each transaction this worker executed, by transaction index. */
  readonly outputs = new Map<number, TxOutput>()
  private readonly senderChecked = new Map<number, string | undefined>()
  private vm: VM | undefined

  constructor(
    private readonly block: Block,
    private readonly view: VersionedState,
    private readonly blockHashes: ReadonlyMap<bigint, Uint8Array>,
    private readonly senderKeys: readonly (Uint8Array | undefined)[] | undefined,
  ) {}

  async execute(version: TxVersion): Promise<ExecutionResult> {
    const { tx: index, incarnation } = version
    const tx = this.block.transactions[index]!
    const view = this.view
    view.begin(index)
    const vm = (this.vm ??= await this.createVm())
    let output: TxOutput
    const senderError = this.checkSender(index)
    if (senderError !== undefined) {
      output = { tx: index, incarnation, kind: 'invalid', error: senderError }
    } else {
      let result: Awaited<ReturnType<typeof runTx>> | undefined
      let failure: unknown
      try {
        result = await runTx(vm, { tx, block: this.block, blockGasUsed: 0n })
      } catch (error) {
        failure = error
      }
      // A signal counts even when ethereumjs swallowed it (see VersionedState.signal).
      const signal = view.signal ?? (failure instanceof BlockedRead || failure instanceof SequentialFallback ? failure : undefined)
      if (signal instanceof BlockedRead) {
        this.vm = undefined // runTx may leave the EVM's journal mid-way: start clean
        return { kind: 'blocked', on: signal.on as never }
      }
      if (signal !== undefined) throw signal
      if (failure !== undefined) {
        if (isAbortingError(failure) || !(failure instanceof Error)) throw failure
        // An invalid transaction (nonce, balance, gas…): no writes, but its reads still count.
        this.vm = undefined
        view.writeSet.clear()
        output = { tx: index, incarnation, kind: 'invalid', error: failure.message }
        this.outputs.set(index, output)
        return { kind: 'completed', readSet: view.readSet, writeSet: view.writeSet }
      }
      output = {
        tx: index,
        incarnation,
        kind: 'executed',
        gasUsed: result!.totalGasSpent,
        blockGasSpent: result!.blockGasSpent,
        status: result!.execResult.exceptionError === undefined ? 'success' : 'reverted',
        receipt: result!.receipt,
        createdAddress: result!.createdAddress?.toString(),
      }
    }
    const writeSet = output.kind === 'executed' ? view.collectWrites() : view.writeSet
    this.outputs.set(index, output)
    return { kind: 'completed', readSet: view.readSet, writeSet }
  }

  /** Sender recovery, once per transaction per worker (it is pure). */
  private checkSender(index: number): string | undefined {
    if (!this.senderChecked.has(index)) {
      const tx = this.block.transactions[index]!
      const key = this.senderKeys?.[index]
      if (key !== undefined) tx.cache.senderPubKey = key
      const sender = recoverSender(tx, key !== undefined ? 'precomputed' : 'recover')
      this.senderChecked.set(index, sender.kind === 'invalid' ? sender.error : undefined)
    }
    return this.senderChecked.get(index)
  }

  private async createVm(): Promise<VM> {
    const view = this.view
    const vm = await createVM({ common: this.block.common, stateManager: view, blockchain: blockHashLookup(this.blockHashes) as never, evmOpts: await evmCryptoOptions() })
    const evm = vm.evm as unknown as LazyCreditEvm
    const addToBalance = evm._addToBalance.bind(evm)
    evm._addToBalance = async (toAccount, message) => {
      if (message.value > 0n && toAccount instanceof VersionedAccount && toAccount.balanceUnread) {
        toAccount.addCredit(message.value)
        await vm.evm.journal.putAccount(message.to as never, toAccount)
      } else {
        await addToBalance(toAccount, message)
      }
    }
    const runCall = evm.runCall.bind(evm)
    let depth = 0
    evm.runCall = async (options) => {
      depth++
      try {
        return await runCall(options)
      } finally {
        if (--depth === 0) view.phase = 'settlement'
      }
    }
    return vm
  }
}
