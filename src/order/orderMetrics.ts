/**
 * What an order of transactions allows, from its own dependency graph (the
 * graph depends on the order: a reader depends on the writers before it):
 * critical path, ideal speedup (graphMetrics) and the projected speedup on
 * W workers when Block-STM hands transactions out in this order
 * (listSchedule.ts, block order), plus the fees it pays.
 */
import { graphMetrics } from '../../analyzer/graph/graphMetrics.js'
import { blockOrderSchedule } from '../../analyzer/graph/listSchedule.js'
import type { Analysis } from '../analyze.js'

export const ORDER_WORKERS = 8

export interface OrderMetrics {
  readonly transactions: number
  readonly totalGas: number
  readonly criticalPathGas: number
  /** total gas / critical path: the speedup no worker count can beat. */
  readonly idealSpeedup: number
  /** total gas / makespan of the block-order list schedule on ORDER_WORKERS workers (a projection). */
  readonly projectedSpeedup: number
  /** Σ tip per gas × expected gas, in wei. */
  readonly feeRevenue: bigint
}

export function orderMetrics(analysis: Analysis, tips: readonly bigint[]): OrderMetrics {
  const metrics = graphMetrics(analysis.graph)
  const makespan = blockOrderSchedule(analysis.graph, ORDER_WORKERS).makespan
  return {
    transactions: metrics.transactions,
    totalGas: metrics.totalGas,
    criticalPathGas: metrics.criticalPathGas,
    idealSpeedup: metrics.unboundedSpeedup,
    projectedSpeedup: makespan === 0 ? 1 : metrics.totalGas / makespan,
    feeRevenue: tips.reduce((sum, tip, i) => sum + tip * BigInt(Math.round(analysis.gas[i] ?? 0)), 0n),
  }
}
