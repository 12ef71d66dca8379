/**
 * A transaction's weight in the graph: the gas a source measured (the
 * pre-simulation's gas used), else 21,000 for a plain transfer to an account
 * without code, else the gas limit (an upper bound: senders set it above
 * what they use).
 */
import type { TxPrediction } from '../prediction.js'
import type { StateView } from '../symbolic/stateView.js'
import type { AnalyzedTx } from '../transaction.js'

const TRANSFER_GAS = 21_000

export function expectedGas(tx: AnalyzedTx, state: StateView, predictions: readonly TxPrediction[]): number {
  for (const prediction of predictions) if (prediction.gas !== undefined) return Number(prediction.gas)
  if (tx.to !== undefined && tx.data.length === 0 && !state.hasCode(tx.to)) return Math.min(TRANSFER_GAS, Number(tx.gasLimit))
  return Number(tx.gasLimit)
}
