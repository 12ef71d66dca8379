/**
 * The dependency graph of any order of the same transactions, without
 * analysing them again: the predicted accesses of each transaction are
 * merged once (from one analysis, in any order) and the graph of a new order
 * is rebuilt from them (buildDependencyGraph: a reader depends on the
 * nearest earlier writer, so the edges change with the order, the accesses
 * do not). Cheap enough to judge hundreds of orders of a block.
 *
 * Exact for sources whose predictions do not depend on the order (bytecode,
 * facts, access lists: they read only the pre-state and the transaction);
 * an approximation otherwise (a pre-simulation in one order; declared
 * dependencies are carried along by transaction and dropped when the new
 * order puts them after their dependent). That is why `order` judges its
 * final candidates by analysing them again, never by this model alone.
 */
import { forEachDependency } from '../../analyzer/graph/dependencyGraph.js'
import { type Evidence, type MergedAccesses, mergeAccesses } from '../../analyzer/graph/mergedAccesses.js'
import { type Schedule, type TaskGraph, listScheduleTasks } from '../../analyzer/graph/listSchedule.js'
import type { Analysis } from '../analyze.js'

/** The graph of one order, by position in it: what the list schedule and the critical chain need. */
export interface OrderGraph extends TaskGraph {
  readonly predecessors: readonly (readonly number[])[]
}

export interface OrderModel {
  /** Transactions are the positions of the analysed order, 0..n-1. */
  readonly size: number
  /**
   * Transactions that read a lazily credited location (the beneficiary's
   * balance: its own transactions, code reading block.coinbase.balance):
   * each depends on every credit before it, so the earlier the better.
   */
  readonly creditReaders: ReadonlySet<number>
  graphOf(order: readonly number[]): OrderGraph
  /** The block-order list schedule of `order` on `workers` (transactions by position in `order`). */
  scheduleOf(order: readonly number[], workers: number): { graph: OrderGraph; schedule: Schedule }
}

export function orderModel(analysis: Pick<Analysis, 'txs' | 'sources' | 'gas'>): OrderModel {
  const merged = mergeAccesses(analysis.txs.length, analysis.sources)
  const gasOf = analysis.gas
  const graphOf = (order: readonly number[]): OrderGraph => {
    const position = new Map(order.map((tx, at) => [tx, at]))
    const accesses = order.map((tx, at) => withDependenciesAt(merged[tx]!, position, at))
    const predecessors = order.map((): number[] => [])
    const successors = order.map((): number[] => [])
    forEachDependency(accesses, (from, to) => {
      const into = predecessors[to]!
      // Evidence comes once per location: one edge per pair, like the graph's.
      if (from === to || into.includes(from)) return
      into.push(from)
      successors[from]!.push(to)
    })
    return { gas: order.map((tx) => gasOf[tx] ?? 0), successors, predecessors }
  }
  const credited = new Set(merged.flatMap((accesses) => [...accesses.credits.keys()]))
  const creditReaders = new Set(merged.flatMap((accesses, tx) => ([...accesses.reads.keys()].some((key) => credited.has(key)) ? [tx] : [])))
  return {
    size: merged.length,
    creditReaders,
    graphOf,
    scheduleOf(order, workers) {
      const graph = graphOf(order)
      return { graph, schedule: listScheduleTasks(graph, workers, (tx) => tx) }
    },
  }
}
/** Declared dependencies renumbered to the new positions; those now later than `at` dropped (edges only go forward). */
function withDependenciesAt(accesses: MergedAccesses, position: ReadonlyMap<number, number>, at: number): MergedAccesses {
  if (accesses.dependsOn.size === 0) return accesses
  const dependsOn = new Map<number, Evidence>()
  for (const [tx, evidence] of accesses.dependsOn) {
    const moved = position.get(tx)
    if (moved !== undefined && moved < at) dependsOn.set(moved, evidence)
  }
  return { ...accesses, dependsOn }
}
