/**
 * `order`: a builder's block from a mempool, ordered for parallel execution.
 *
 *   1. select    nonce runs per sender, fee cap ≥ base fee, greedy by tip
 *                under the gas limit (selectTransactions.ts): the fee-priority block
 *   2. analyse   predicted accesses → dependency graph of that block
 *   3. reorder   dependents first: list-schedule the graph on 8 workers,
 *                heaviest remaining chain first, and take the start order —
 *                a topological order of the graph (nonce chains and predicted
 *                dependencies kept), with the transactions many others wait
 *                for brought forward so that late dependencies do not
 *                serialise the tail
 *   4. judge     re-analyse the new order (its graph differs: readers depend
 *                on the writers now before them), reorder that one again, up
 *                to REORDER_ROUNDS times, and keep whichever order projects
 *                the highest 8-worker speedup (the fee-priority one included)
 *   5. improve   from the best order so far, from the fee-priority one and,
 *                if some transactions read lazy credits (the beneficiary's
 *                balance), from the best with those readers first,
 *                local moves along the chain that decides the 8-worker
 *                schedule (improveOrder.ts, over orderModel.ts: the graph of
 *                a new order without analysing again), each result judged
 *                by analysing it like the others
 *
 * The set of transactions never changes between the two orders, so no fee
 * is given up by reordering, up to gas that depends on state (reported from
 * expected gas). Validity beyond the predictions (a balance funded by an
 * unpredicted internal transfer) is checked by executing the block
 * (orderedBlock.ts).
 */
import { dependentsFirstSchedule } from '../../analyzer/graph/listSchedule.js'
import type { HintSource } from '../../analyzer/prediction.js'
import { type Analysis, analyze } from '../analyze.js'
import type { PreState } from '../shared/preState.js'
import { tipPerGas } from './feePriority.js'
import { ORDER_WORKERS, type OrderMetrics, orderMetrics } from './orderMetrics.js'
import { type Candidate, type Selection, selectTransactions } from './selectTransactions.js'
import type { AnalyzedTx } from '../../analyzer/transaction.js'
import { addressChars } from '../shared/locations.js'
import { creditReadersFirst, improveOrder } from './improveOrder.js'
import { orderModel } from './orderModel.js'

const REORDER_ROUNDS = 3
/** Schedules the local improvement may try per seed order. */
const IMPROVE_EVALUATIONS = 400

export interface Mempool {
  readonly txs: readonly AnalyzedTx[]
  /** The same transactions in RPC shape (fees, signature), as in the mempool file. */
  readonly raws: readonly Record<string, unknown>[]
  readonly file: string
}

export interface OrderOptions {
  readonly gasLimit: bigint
  readonly baseFee: bigint | undefined
  readonly coinbase: Uint8Array | undefined
  /** Hint sources for the dependency graph (static sources at least). */
  readonly sources: readonly HintSource[]
}

export interface OrderResult {
  /** The chosen transactions in block order (mempool indices). */
  readonly order: readonly number[]
  /** The same transactions in fee-priority order. */
  readonly feeOrder: readonly number[]
  readonly left: Selection['left']
  readonly before: OrderMetrics
  readonly after: OrderMetrics
  /** before.feeRevenue - after.feeRevenue (0 when the set is the same). */
  readonly feeRevenueGivenUp: bigint
  /** Whether the parallel order replaced the fee-priority one. */
  readonly reordered: boolean
}

export async function order(mempool: Mempool, preState: PreState, options: OrderOptions): Promise<OrderResult> {
  const selection = selectTransactions(mempool.txs, mempool.raws, preState, { gasLimit: options.gasLimit, baseFee: options.baseFee, file: mempool.file })
  const feeOrder = selection.chosen
  const feeAnalysis = await analyzeOrder(feeOrder, preState, options)
  const before = orderMetrics(feeAnalysis, feeOrder.map((c) => c.tip))
  let best = { order: feeOrder, metrics: before }
  let current = { order: feeOrder, analysis: feeAnalysis }
  const judge = async (next: readonly Candidate[]) => {
    const analysis = await analyzeOrder(next, preState, options)
    const metrics = orderMetrics(analysis, next.map((c) => c.tip))
    if (metrics.projectedSpeedup > best.metrics.projectedSpeedup) best = { order: next, metrics }
    return analysis
  }
  const seeds: (readonly Candidate[])[] = [feeOrder]
  for (let round = 0; round < REORDER_ROUNDS; round++) {
    const next = dependentsFirstSchedule(current.analysis.graph, ORDER_WORKERS).startOrder.map((position) => current.order[position]!)
    current = { order: next, analysis: await judge(next) }
    seeds.push(next)
  }
  // 5. improve  local moves along the critical chain (improveOrder.ts) from
  //             the best order so far and from the fee order, judged again
  const model = orderModel(feeAnalysis)
  const feePosition = new Map(feeOrder.map((c, position) => [c, position]))
  const senders = feeOrder.map((c) => addressChars(c.tx.from))
  const starts = [...new Set([best.order, feeOrder])].map((seed) => seed.map((c) => feePosition.get(c)!))
  if (model.creditReaders.size > 0) starts.push(creditReadersFirst(starts[0]!, model.creditReaders, senders))
  for (const start of starts) {
    const improved = improveOrder(model, start, { workers: ORDER_WORKERS, senders, maxEvaluations: IMPROVE_EVALUATIONS })
    await judge(improved.order.map((position) => feeOrder[position]!))
  }
  const reordered = best.order !== feeOrder
  const after = best.metrics
  return {
    order: best.order.map((c) => c.mempoolIndex),
    feeOrder: feeOrder.map((c) => c.mempoolIndex),
    left: selection.left,
    before,
    after,
    feeRevenueGivenUp: before.feeRevenue - after.feeRevenue,
    reordered,
  }
}

/** The metrics of the mempool transactions `indices`, in that order (e.g. a block after repairs). */
export async function metricsOfOrder(mempool: Mempool, preState: PreState, options: OrderOptions, indices: readonly number[]): Promise<OrderMetrics> {
  const candidates = indices.map((mempoolIndex) => ({
    mempoolIndex,
    tx: mempool.txs[mempoolIndex]!,
    raw: mempool.raws[mempoolIndex]!,
    tip: tipPerGas(mempool.raws[mempoolIndex]!, options.baseFee, `${mempool.file}[${mempoolIndex}]`),
  }))
  return orderMetrics(await analyzeOrder(candidates, preState, options), candidates.map((c) => c.tip))
}

/** The dependency graph of these transactions in this order (indices renumbered 0..n-1). */
export async function analyzeOrder(candidates: readonly Candidate[], preState: PreState, options: Pick<OrderOptions, 'coinbase' | 'sources'>): Promise<Analysis> {
  const txs = candidates.map((c, index) => ({ ...c.tx, index }))
  return analyze(txs, preState, { sources: options.sources, coinbase: options.coinbase })
}
