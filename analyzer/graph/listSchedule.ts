/**
 * A dependency graph played on W workers by list scheduling: whenever a
 * worker is free, it takes the highest-priority transaction whose
 * predecessors have all finished (waiting if none has), and runs it for its
 * gas. Unit cost per gas, no overhead, no aborts: what Block-STM seeded with
 * perfect start dependencies would do.
 *
 * Two priorities matter:
 *   block order      lowest index first — Block-STM's own order (execution_idx)
 *   dependents first heaviest remaining chain first (b-level: the gas on the
 *                    longest path from the transaction to the end of the graph)
 * The gap between them is the parallelism lost to dependencies that come
 * late in the block (dependencyLateness.ts), and the second's start order is
 * a block order that recovers it (src/order).
 */
import type { DependencyGraph } from './dependencyGraph.js'

export interface Schedule {
  /** Gas-time at which the last transaction finishes. */
  readonly makespan: number
  /** Transactions in the order they start (a topological order of the graph). */
  readonly startOrder: readonly number[]
  /** Per transaction: the gas-time it starts and finishes (finish = start + gas). */
  readonly start: readonly number[]
  readonly finish: readonly number[]
}

/** A graph as the list schedule needs it: gas and successors per transaction, edges going forward. */
export interface TaskGraph {
  readonly gas: readonly number[]
  readonly successors: readonly (readonly number[])[]
}

export function taskGraphOf(graph: DependencyGraph): TaskGraph {
  const n = graph.order
  return {
    gas: Array.from({ length: n }, (_, tx) => graph.getNodeAttribute(String(tx), 'gas')),
    successors: Array.from({ length: n }, (_, tx) => graph.outNeighbors(String(tx)).map(Number)),
  }
}

/** Lower `rank` runs first among ready transactions. */
export function listSchedule(graph: DependencyGraph, workers: number, rank: (tx: number) => number): Schedule {
  return listScheduleTasks(taskGraphOf(graph), workers, rank)
}

export function listScheduleTasks(graph: TaskGraph, workers: number, rank: (tx: number) => number): Schedule {
  const n = graph.gas.length
  const missing = new Array<number>(n).fill(0)
  const readyAt = new Array<number>(n).fill(0)
  const available: number[] = []
  for (const successors of graph.successors) for (const j of successors) missing[j]!++
  for (let j = 0; j < n; j++) if (missing[j] === 0) available.push(j)
  const freeAt = new Array<number>(Math.max(1, workers)).fill(0)
  const startOrder: number[] = []
  const start = new Array<number>(n).fill(0)
  const finishes = new Array<number>(n).fill(0)
  let makespan = 0
  while (startOrder.length < n) {
    let worker = 0
    for (let w = 1; w < freeAt.length; w++) if (freeAt[w]! < freeAt[worker]!) worker = w
    let now = freeAt[worker]!
    if (!available.some((tx) => readyAt[tx]! <= now)) now = Math.min(...available.map((tx) => readyAt[tx]!))
    let pick = -1
    for (let k = 0; k < available.length; k++) {
      const tx = available[k]!
      if (readyAt[tx]! <= now && (pick < 0 || rank(tx) < rank(available[pick]!))) pick = k
    }
    const tx = available.splice(pick, 1)[0]!
    const finish = now + graph.gas[tx]!
    start[tx] = now
    finishes[tx] = finish
    freeAt[worker] = finish
    makespan = Math.max(makespan, finish)
    startOrder.push(tx)
    for (const j of graph.successors[tx]!) {
      readyAt[j] = Math.max(readyAt[j]!, finish)
      if (--missing[j]! === 0) available.push(j)
    }
  }
  return { makespan, startOrder, start, finish: finishes }
}

/** Per transaction: its gas plus the heaviest chain of dependents after it. */
export function bottomLevels(graph: DependencyGraph): number[] {
  const n = graph.order
  const level = new Array<number>(n).fill(0)
  // Edges go forward, so reverse index order visits every dependent first.
  for (let i = n - 1; i >= 0; i--) {
    let tail = 0
    graph.forEachOutNeighbor(String(i), (target) => {
      tail = Math.max(tail, level[Number(target)]!)
    })
    level[i] = graph.getNodeAttribute(String(i), 'gas') + tail
  }
  return level
}

export function blockOrderSchedule(graph: DependencyGraph, workers: number): Schedule {
  return listSchedule(graph, workers, (tx) => tx)
}

/** Dependents first: heaviest remaining chain first, block order breaking ties. */
export function dependentsFirstSchedule(graph: DependencyGraph, workers: number): Schedule {
  const level = bottomLevels(graph)
  const n = graph.order
  return listSchedule(graph, workers, (tx) => -level[tx]! * (n + 1) + tx)
}
