/**
 * `bytecode`: storage locations predicted from the bytecode summaries of the
 * contracts each transaction reaches (see `symbolic/callResolver.ts` for the
 * patterns). Summaries come from `summaries`, computed once per code hash;
 * the contracts the transactions call directly, and the implementations
 * behind them, are summarised before the per-transaction pass.
 */
import type { SummaryCache } from '../bytecode/summaryCache.js'
import type { HintSource } from '../prediction.js'
import { CallResolver } from '../symbolic/callResolver.js'
import { StateView } from '../symbolic/stateView.js'
import { summarizeCallees } from './summarizeCallees.js'

export function bytecodeSource(summaries: SummaryCache): HintSource {
  return {
    name: 'bytecode',
    async predict(ctx) {
      const state = new StateView(ctx.preState)
      summarizeCallees(ctx.txs, state, summaries)
      const resolver = new CallResolver(state, summaries)
      return ctx.txs.map((tx) => resolver.resolveTransaction(tx).build('likely'))
    },
  }
}
