/**
 * The sequential reference: ethereumjs's `runTx`, one transaction after
 * another, over the project's fastest in-memory state (`OverlayState`), with
 * every block-level rule a syncing node applies. It is the correctness oracle
 * of the parallel engine and the denominator of every speedup, so it does
 * everything the parallel engine does (sender recovery included) and nothing
 * slower than it must.
 *
 *   DAO fork (1,920,000) → EIP-4788 beacon root → transactions
 *     → withdrawals (Shanghai+) → block and uncle rewards (before the Merge)
 */
import type { StateManagerInterface } from '@ethereumjs/common'
import { runTx } from '@ethereumjs/vm'

import type { BlockInput } from '../blockInput.js'
import { exceedsRemainingBlockGas, remainingBlockGasError } from '../blockGasLimit.js'
import { journalOfVm } from '../blockRules/blockJournal.js'
import { applyBlockEnd, applyBlockStart } from '../blockRules/blockRules.js'
import { createExecutionVm } from '../../src/chain/crypto/bn254.js'
import { blockHashLookup } from '../evm/blockHashes.js'
import { installJumpDestinationCache } from '../evm/jumpDestinationCache.js'
import { installSenderAddressCache } from '../evm/senderAddressCache.js'
import { type BlockExecution, type TxOutcome, isAbortingError } from '../blockExecution.js'
import { logsBloomOf, receiptsRootOf, type TypedReceipt } from '../receipts.js'
import { type RecoveredSender, type SenderRecovery, recoverSenders } from '../senders.js'
import { AccessRecorder, type TxAccess } from '../state/accessRecorder.js'
import { OverlayState } from '../state/overlayState.js'

export interface SequentialOptions {
  /** Record each transaction's actual read and write sets (costs time; off for benchmarks). */
  readonly recordAccesses?: boolean
  /**
   * Only for `npm run bench:state`: execute over another state manager, built
   * (and loaded with the pre-state) before the clock starts. The post-state and
   * access recording need the default `OverlayState`.
   */
  /** `precomputed` only for execution-only benchmarks (see SenderRecovery). */
  readonly senderRecovery?: SenderRecovery
  /**
   * Where each transaction's sender comes from, asked just before it runs,
   * instead of recovering them all first: sender recovery pipelined on the
   * workers (executor/parallel/poolSenderRecovery.ts). The execution is the same.
   */
  readonly senderOf?: (index: number) => RecoveredSender
  readonly stateForBenchmark?: (preState: BlockInput['preState']) => Promise<StateManagerInterface>
}

export async function executeSequential(input: BlockInput, options: SequentialOptions = {}): Promise<BlockExecution> {
  await installJumpDestinationCache()
  installSenderAddressCache()
  const { block } = input.parsed
  const header = block.header
  const common = block.common
  const overlay = new OverlayState(input.preState)
  const state: StateManagerInterface = options.stateForBenchmark === undefined ? overlay : await options.stateForBenchmark(input.preState)
  const recorder = options.recordAccesses === true ? new AccessRecorder(overlay) : undefined
  const warnings: string[] = []

  const started = performance.now()
  const senders = options.senderOf === undefined ? recoverSenders(block.transactions, options.senderRecovery) : undefined
  const senderOf = options.senderOf ?? ((index: number) => senders![index]!)
  const senderRecoveryMs = performance.now() - started

  const vm = await createExecutionVm({ common, stateManager: state, blockchain: blockHashLookup(input.blockHashes) as never })
  const journal = journalOfVm(vm)

  await vm.evm.journal.checkpoint()
  await applyBlockStart(journal, input.parsed)

  const outcomes: TxOutcome[] = []
  const receipts: TypedReceipt[] = []
  const accesses: TxAccess[] = []
  let gasUsed = 0n
  for (let index = 0; index < block.transactions.length; index++) {
    const tx = block.transactions[index]!
    const sender = senderOf(index)
    overlay.recordAccesses(recorder)
    recorder?.beginTransaction()
    let outcome: TxOutcome
    if (sender.kind === 'invalid') {
      outcome = { index, kind: 'invalid', error: sender.error }
    } else if (exceedsRemainingBlockGas(tx, gasUsed, header.gasLimit)) {
      outcome = { index, kind: 'invalid', error: remainingBlockGasError(vm, block) }
    } else {
      try {
        const result = await runTx(vm, { tx, block, blockGasUsed: gasUsed })
        gasUsed += result.blockGasSpent
        receipts.push({ receipt: result.receipt, txType: tx.type })
        outcome = {
          index,
          kind: 'executed',
          gasUsed: result.totalGasSpent,
          status: result.execResult.exceptionError === undefined ? 'success' : 'reverted',
          receipt: result.receipt,
          createdAddress: result.createdAddress?.toString(),
        }
      } catch (error) {
        if (isAbortingError(error)) throw error
        outcome = { index, kind: 'invalid', error: (error as Error).message }
      }
    }
    if (recorder !== undefined) accesses.push(recorder.endTransaction())
    outcomes.push(outcome)
  }
  overlay.recordAccesses(undefined)

  warnings.push(...(await applyBlockEnd(journal, input.parsed)))
  await vm.evm.journal.commit()

  const logsBloom = logsBloomOf(receipts)
  const receiptsRoot = await receiptsRootOf(receipts, common)
  const ms = performance.now() - started

  return {
    number: header.number,
    outcomes,
    gasUsed,
    logsBloom,
    receiptsRoot,
    postState: () => {
      if (options.stateForBenchmark !== undefined) throw new Error('no post-state: the block ran over a benchmark state manager')
      return overlay.postState()
    },
    accesses: recorder === undefined ? undefined : accesses,
    warnings,
    ms,
    stats: { engine: 'sequential', senderRecoveryMs },
  }
}
