/**
 * A block's measured per-transaction costs and actual access sets: the input
 * of the ideal bound and of the simulator's projections.
 *
 * Two kinds of pass over the sequential reference's machinery (OverlayState,
 * ethereumjs runTx, the block rules), senders recovered beforehand:
 * - timing passes, nothing recorded: each transaction's runTx wall time; the
 *   cost kept is the minimum over the passes (the least disturbed);
 * - one recording pass: reads, writes and lazy credits per transaction
 *   (LazyCreditRecorder), checked to give the same gas as the timing pass.
 *
 * This duplicates executeSequential's transaction loop on purpose: the
 * reference must stay free of per-transaction timers and benchmark hooks.
 */
import { runTx } from '@ethereumjs/vm'

import type { BlockInput } from '../../executor/blockInput.js'
import { journalOfVm } from '../../executor/blockRules/blockJournal.js'
import { applyBlockStart } from '../../executor/blockRules/blockRules.js'
import { blockHashLookup } from '../../executor/evm/blockHashes.js'
import { installJumpDestinationCache } from '../../executor/evm/jumpDestinationCache.js'
import { installSenderAddressCache } from '../../executor/evm/senderAddressCache.js'
import { recoverSenders } from '../../executor/senders.js'
import { OverlayState } from '../../executor/state/overlayState.js'
import { onOutermostCallReturn } from '../../executor/parallel/workerVms.js'
import { createExecutionVm } from '../../src/chain/crypto/bn254.js'
import { LazyCreditRecorder, type TracedAccess } from './lazyCreditRecorder.js'

export interface TracedTx {
  /** µs of runTx (minimum over the timing passes); 0 for an invalid transaction. */
  readonly costUs: number
  readonly gas: number
  readonly access: TracedAccess
}

export interface BlockTrace {
  readonly txs: readonly TracedTx[]
  /** Sum of costUs. */
  readonly totalCostUs: number
}

interface EvmHooks {
  _addToBalance(toAccount: unknown, message: { to: { bytes: Uint8Array }; value: bigint }): Promise<void>
  runCall: (options: unknown) => Promise<unknown>
}

interface Pass {
  readonly costsUs: number[]
  readonly gas: number[]
  readonly accesses: TracedAccess[]
}

async function runPass(input: BlockInput, record: boolean): Promise<Pass> {
  await installJumpDestinationCache()
  installSenderAddressCache()
  const { block } = input.parsed
  const overlay = new OverlayState(input.preState)
  const recorder = record ? new LazyCreditRecorder(overlay, block.header.coinbase.bytes) : undefined
  const senders = recoverSenders(block.transactions, 'precomputed')
  const vm = await createExecutionVm({ common: block.common, stateManager: overlay, blockchain: blockHashLookup(input.blockHashes) as never })
  if (recorder !== undefined) hookLazyCredits(vm.evm as unknown as EvmHooks, recorder)
  await vm.evm.journal.checkpoint()
  await applyBlockStart(journalOfVm(vm), input.parsed)
  const pass: Pass = { costsUs: [], gas: [], accesses: [] }
  let blockGasUsed = 0n
  for (let index = 0; index < block.transactions.length; index++) {
    overlay.recordAccesses(recorder)
    recorder?.beginTransaction()
    let costUs = 0
    let gas = 0
    if (senders[index]!.kind === 'valid') {
      const started = performance.now()
      try {
        const result = await runTx(vm, { tx: block.transactions[index]!, block, blockGasUsed })
        blockGasUsed += result.blockGasSpent
        gas = Number(result.totalGasSpent)
      } catch {
        // invalid: no effect, no cost worth projecting (the reference reports it)
      }
      costUs = (performance.now() - started) * 1000
    }
    pass.costsUs.push(costUs)
    pass.gas.push(gas)
    if (recorder !== undefined) pass.accesses.push(recorder.endTraced())
  }
  overlay.recordAccesses(undefined)
  return pass
}

/** The engine's lazy credits, seen by the recorder (see executor/parallel/workerVms.ts). */
function hookLazyCredits(evm: EvmHooks, recorder: LazyCreditRecorder): void {
  const addToBalance = evm._addToBalance.bind(evm)
  evm._addToBalance = async (toAccount, message) => {
    if (message.value > 0n && recorder.isLazyCredit(message.to.bytes)) await recorder.credit(message.to.bytes, () => addToBalance(toAccount, message))
    else await addToBalance(toAccount, message)
  }
  onOutermostCallReturn(evm, () => recorder.enterSettlement())
}

export async function traceBlock(input: BlockInput, options: { timingPasses?: number } = {}): Promise<BlockTrace> {
  const timings: Pass[] = []
  for (let i = 0; i < (options.timingPasses ?? 2); i++) timings.push(await runPass(input, false))
  const recorded = await runPass(input, true)
  const txs = recorded.accesses.map((access, index): TracedTx => {
    const gas = timings[0]!.gas[index]!
    if (recorded.gas[index] !== gas) throw new Error(`trace: transaction ${index} used ${recorded.gas[index]} gas when recorded, ${gas} when timed`)
    return { costUs: Math.min(...timings.map((pass) => pass.costsUs[index]!)), gas, access }
  })
  return { txs, totalCostUs: txs.reduce((sum, tx) => sum + tx.costUs, 0) }
}
