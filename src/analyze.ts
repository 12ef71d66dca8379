/**
 * `analyze`: predict what a block's (or a mempool's) transactions will read
 * and write before they run, from any combination of hint sources, and build
 * the dependency graph that seeds the scheduler.
 *
 *   sources → predictions (fee locations of the beneficiary dropped)
 *           → merged per transaction → dependency graph (graphology) → metrics
 *
 * Every source's time is measured apart, so that the cost of a hint can be
 * weighed against what it saves.
 */
import { withoutFeePayments } from '../analyzer/feeLocations.js'
import { type DependencyGraph, buildDependencyGraph } from '../analyzer/graph/dependencyGraph.js'
import { type DependencyLateness, dependencyLateness } from '../analyzer/graph/dependencyLateness.js'
import { expectedGas } from '../analyzer/graph/expectedGas.js'
import { type GraphMetrics, graphMetrics } from '../analyzer/graph/graphMetrics.js'
import { type LocationFilter, mergeAccesses } from '../analyzer/graph/mergedAccesses.js'
import type { AnalysisContext, HintSource, SourcePredictions } from '../analyzer/prediction.js'
import { StateView } from '../analyzer/symbolic/stateView.js'
import type { AnalyzedTx } from '../analyzer/transaction.js'
import type { PreState } from './shared/preState.js'

export interface AnalyzeOptions {
  readonly sources: readonly HintSource[]
  /** The block's beneficiary: its fee payments are never predicted. */
  readonly coinbase?: Uint8Array
  /** Which locations make dependencies (default: all). */
  readonly include?: LocationFilter
}

export interface Analysis {
  readonly txs: readonly AnalyzedTx[]
  readonly sources: readonly SourcePredictions[]
  /** Expected gas per transaction (the graph's node weights). */
  readonly gas: readonly number[]
  readonly graph: DependencyGraph
  readonly metrics: GraphMetrics
  /** Parallelism lost to dependencies that come late in the block (8 workers). */
  readonly lateness: DependencyLateness
  /** Building the graph and its metrics, sources excluded. */
  readonly graphMs: number
}

export async function analyze(txs: readonly AnalyzedTx[], preState: PreState, options: AnalyzeOptions): Promise<Analysis> {
  const ctx: AnalysisContext = { txs, preState, coinbase: options.coinbase }
  const sources: SourcePredictions[] = []
  for (const source of options.sources) {
    const started = performance.now()
    const predictions = await source.predict(ctx)
    if (predictions.length !== txs.length) {
      throw new Error(`hint source ${source.name} answered for ${predictions.length} of ${txs.length} transactions`)
    }
    sources.push({ source: source.name, predictions: predictions.map((p, i) => withoutFeePayments(p, txs[i]!, options.coinbase)), ms: performance.now() - started })
  }
  const started = performance.now()
  const state = new StateView(preState)
  const gas = txs.map((tx, i) => expectedGas(tx, state, sources.map((source) => source.predictions[i]!)))
  const graph = buildDependencyGraph(mergeAccesses(txs.length, sources, options.include), gas)
  const metrics = graphMetrics(graph)
  const lateness = dependencyLateness(graph)
  return { txs, sources, gas, graph, metrics, lateness, graphMs: performance.now() - started }
}
