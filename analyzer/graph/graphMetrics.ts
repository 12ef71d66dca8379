/**
 * What a dependency graph allows, before anything runs. Edges always go from
 * a lower to a higher transaction index, so index order is a topological
 * order and every metric is one pass.
 *
 *   critical path   the heaviest chain of dependent transactions, by gas
 *   depth / width   transactions placed at the earliest level their dependencies
 *                   allow (level = 1 + the highest level among their predecessors):
 *                   the number of levels, and the most transactions on one level
 *   components      weakly connected components (a transaction alone is one)
 *   speedup bound   total gas / max(critical path, total gas / W) for W workers:
 *                   no schedule on W workers can do better (unit cost per gas,
 *                   no overhead); W = ∞ gives total / critical path
 */
import type { DependencyGraph } from './dependencyGraph.js'

export const WORKER_COUNTS = [2, 4, 8, 16, 32] as const

export interface GraphMetrics {
  readonly transactions: number
  readonly edges: number
  readonly totalGas: number
  readonly criticalPathGas: number
  /** Transaction indices along the critical path, in order. */
  readonly criticalPath: readonly number[]
  readonly depth: number
  readonly width: number
  readonly components: number
  /** W → bound, for W in WORKER_COUNTS. */
  readonly speedupBound: Readonly<Record<number, number>>
  readonly unboundedSpeedup: number
}

export function graphMetrics(graph: DependencyGraph): GraphMetrics {
  const n = graph.order
  const gas = Array.from({ length: n }, (_, i) => graph.getNodeAttribute(String(i), 'gas'))
  const finish = new Array<number>(n).fill(0)
  const via = new Array<number>(n).fill(-1)
  const level = new Array<number>(n).fill(0)
  const parent = Array.from({ length: n }, (_, i) => i)
  for (let j = 0; j < n; j++) {
    let best = 0
    graph.forEachInNeighbor(String(j), (source) => {
      const i = Number(source)
      if (i >= j) throw new Error(`dependency edge ${i} → ${j} does not go forward`)
      if (finish[i]! > best) {
        best = finish[i]!
        via[j] = i
      }
      level[j] = Math.max(level[j]!, level[i]! + 1)
      union(parent, i, j)
    })
    finish[j] = best + gas[j]!
  }
  const totalGas = gas.reduce((sum, value) => sum + value, 0)
  let end = -1
  for (let j = 0; j < n; j++) if (end < 0 || finish[j]! > finish[end]!) end = j
  const criticalPath: number[] = []
  for (let j = end; j >= 0; j = via[j]!) criticalPath.unshift(j)
  const criticalPathGas = end < 0 ? 0 : finish[end]!
  const perLevel = new Map<number, number>()
  for (const value of level) perLevel.set(value, (perLevel.get(value) ?? 0) + 1)
  const speedupBound: Record<number, number> = {}
  for (const workers of WORKER_COUNTS) speedupBound[workers] = bound(totalGas, criticalPathGas, workers)
  return {
    transactions: n,
    edges: graph.size,
    totalGas,
    criticalPathGas,
    criticalPath,
    depth: perLevel.size,
    width: Math.max(0, ...perLevel.values()),
    components: parent.filter((_, i) => find(parent, i) === i).length,
    speedupBound,
    unboundedSpeedup: bound(totalGas, criticalPathGas, Infinity),
  }
}

export function bound(totalGas: number, criticalPathGas: number, workers: number): number {
  const limit = Math.max(criticalPathGas, totalGas / workers)
  return limit === 0 ? 1 : totalGas / limit
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!
    i = parent[i]!
  }
  return i
}

function union(parent: number[], a: number, b: number): void {
  parent[find(parent, a)] = find(parent, b)
}
