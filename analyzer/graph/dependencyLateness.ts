/**
 * Dependency lateness: how much of a block's parallelism is lost because the
 * transactions others depend on come late in the block.
 *
 * Block-STM hands out transactions lowest index first. A transaction that
 * many others wait for, placed late, starts late, and everything after it
 * on its chain runs in the block's tail while the other workers have
 * nothing left to do. Played on W workers (listSchedule.ts, perfect hints,
 * unit cost per gas):
 *
 *   inBlockOrder     total gas / makespan, lowest index first
 *   dependentsFirst  total gas / makespan, heaviest remaining chain first
 *   lateness         1 - inBlockOrder / max(inBlockOrder, dependentsFirst)
 *
 * 0 means the block's order loses nothing to its dependencies' positions; 0.2
 * means a fifth of the achievable parallel speed is lost to them. (Both are
 * bounded by graphMetrics' speedup bound; list scheduling is a heuristic, so
 * dependentsFirst is a witness of what an order can reach, not the optimum.)
 */
import type { DependencyGraph } from './dependencyGraph.js'
import { blockOrderSchedule, dependentsFirstSchedule } from './listSchedule.js'

export const LATENESS_WORKERS = 8

export interface DependencyLateness {
  readonly workers: number
  readonly inBlockOrder: number
  readonly dependentsFirst: number
  readonly lateness: number
}

export function dependencyLateness(graph: DependencyGraph, workers = LATENESS_WORKERS): DependencyLateness {
  let total = 0
  graph.forEachNode((_, node) => {
    total += node.gas
  })
  if (total === 0) return { workers, inBlockOrder: 1, dependentsFirst: 1, lateness: 0 }
  const inBlockOrder = total / blockOrderSchedule(graph, workers).makespan
  const dependentsFirst = total / dependentsFirstSchedule(graph, workers).makespan
  return { workers, inBlockOrder, dependentsFirst, lateness: 1 - inBlockOrder / Math.max(inBlockOrder, dependentsFirst) }
}
