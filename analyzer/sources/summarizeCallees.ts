/**
 * Summarise, before predicting anything, every contract the transactions
 * call directly and the code behind it (clone targets, proxy
 * implementations), so that evmole's ~55 ms per contract is spent once per
 * code hash up front and not on the per-transaction path. Contracts reached
 * only through nested calls are summarised when first reached.
 */
import type { SummaryCache } from '../bytecode/summaryCache.js'
import { resolveImplementation } from '../symbolic/proxyResolution.js'
import type { StateView } from '../symbolic/stateView.js'
import type { AnalyzedTx } from '../transaction.js'

export function summarizeCallees(txs: readonly AnalyzedTx[], state: StateView, summaries: SummaryCache): void {
  const seen = new Set<string>()
  const visit = (address: Uint8Array, depth: number): void => {
    const id = Buffer.from(address).toString('hex')
    if (seen.has(id) || depth > 2 || !state.hasCode(address)) return
    seen.add(id)
    const { summary } = summaries.get(state.code(address), state.codeHash(address))
    if (summary.forwardsTo !== undefined) return visit(Uint8Array.from(Buffer.from(summary.forwardsTo, 'hex')), depth + 1)
    const implementation = resolveImplementation(address, summary, state, summaries)
    if (implementation !== undefined) visit(implementation.address, depth + 1)
  }
  for (const tx of txs) if (tx.to !== undefined) visit(tx.to, 0)
}
