/**
 * The analyzer's dependency graph, turned into what the parallel engine
 * takes: start dependencies, pre-marked estimates and a worker count, each
 * mechanism switchable on its own so that its effect can be measured.
 *
 *   edge i → j (j predicted to read what i writes)
 *     startAfter    [j, i]            j does not start before i has executed once
 *     estimates     [i, locations]    the edge's exact locations pre-marked ESTIMATE for i
 *   critical path vs total gas, over the edges used
 *     workers       chooseWorkerCount (scheduler/workerChoice.ts); edges that
 *                   only read lazy credits (the beneficiary's balance after
 *                   fees) are left out: the engine waits for those itself,
 *                   so they cost no doomed re-execution, and counting them
 *                   made a block with a few coinbase readers look like a chain
 *
 * A reader of lazy credits depends on every earlier credit (each earlier
 * transaction's fee): as start dependencies only the nearest
 * CREDIT_START_DEPENDENCIES are kept. First incarnations are handed out in
 * block order, so when the reader starts, the ones still running are the
 * few just below it; the engine's pool of start dependencies is bounded
 * (4 per transaction by default) and a dependency on every earlier
 * transaction would fill it.
 *
 * Only edges at or above `minConfidence` are used (default `likely`:
 * coarse "some slot of X" guesses cost more waits than they save). Hints
 * stay advice: the engine judges them while it runs and stops following
 * them when they prove wrong (scheduler/hintTrust.ts).
 */
import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import type { Confidence } from '../../analyzer/prediction.js'
import { chooseWorkerCount } from '../../scheduler/workerChoice.js'
import type { Analysis } from '../analyze.js'
import type { LocationKey } from '../shared/locations.js'

export interface HintMechanisms {
  /** (a) predicted dependents start after their predecessors. Default true. */
  readonly startAfter?: boolean
  /** (b) predicted writes on edges pre-marked ESTIMATE. Default true. */
  readonly estimates?: boolean
  /** (c) worker count from critical path vs total work. Default true. */
  readonly workerCount?: boolean
  /** Edges below this confidence are not used at all. Default `likely`. */
  readonly minConfidence?: Confidence
  /** Edges below this confidence seed estimates but no start dependency. Default `likely`. */
  readonly startConfidence?: Confidence
}

export interface SeededSchedule {
  readonly hints: SchedulingHints
  /** The worker count to use, or undefined to keep the caller's. */
  readonly workers: number | undefined
  readonly edgesUsed: number
  /** Total work and critical path over the edges used (gas), which chose the worker count. */
  readonly work: { readonly totalWork: number; readonly criticalPath: number }
}

const RANK: Record<Confidence, number> = { possible: 0, likely: 1, certain: 2 }

export const CREDIT_START_DEPENDENCIES = 3

export function scheduleFromAnalysis(analysis: Analysis, available: number, mechanisms: HintMechanisms = {}): SeededSchedule {
  const minRank = RANK[mechanisms.minConfidence ?? 'likely']
  const startRank = RANK[mechanisms.startConfidence ?? 'likely']
  const startAfter: [number, number][] = []
  const marked = new Map<number, Set<LocationKey>>()
  let edgesUsed = 0
  const predecessors = new Map<number, number[]>()
  /** Per reader: the writers of its credit-only edges (start dependencies chosen below). */
  const creditWriters = new Map<number, number[]>()
  analysis.graph.forEachEdge((_, edge, source, target) => {
    if (RANK[edge.confidence] < minRank) return
    const writer = Number(source)
    edgesUsed++
    const reader = Number(target)
    if (!edge.onlyCredits) append(predecessors, reader, writer)
    if (mechanisms.startAfter !== false && RANK[edge.confidence] >= startRank) {
      if (edge.onlyCredits) append(creditWriters, reader, writer)
      else startAfter.push([reader, writer])
    }
    if (mechanisms.estimates !== false && edge.locations.length > 0) {
      let set = marked.get(writer)
      if (set === undefined) marked.set(writer, (set = new Set()))
      for (const key of edge.locations) set.add(key)
    }
  })
  for (const [reader, writers] of creditWriters) {
    for (const writer of writers.sort((a, b) => b - a).slice(0, CREDIT_START_DEPENDENCIES)) startAfter.push([reader, writer])
  }
  const estimates = [...marked].map(([tx, keys]) => [tx, [...keys]] as const)
  const work = { totalWork: analysis.metrics.totalGas, criticalPath: criticalPathOver(analysis.gas, predecessors) }
  const workers = mechanisms.workerCount === false ? undefined : chooseWorkerCount({ ...work, available })
  return { hints: { startAfter, estimates }, workers, edgesUsed, work }
}

/** The heaviest chain through the given edges (they go forward, so index order is topological). */
function criticalPathOver(gas: readonly number[], predecessors: ReadonlyMap<number, readonly number[]>): number {
  const finish = new Array<number>(gas.length).fill(0)
  let longest = 0
  for (let j = 0; j < gas.length; j++) {
    let start = 0
    for (const i of predecessors.get(j) ?? []) start = Math.max(start, finish[i]!)
    finish[j] = start + gas[j]!
    longest = Math.max(longest, finish[j]!)
  }
  return longest
}

function append(lists: Map<number, number[]>, key: number, value: number): void {
  const list = lists.get(key)
  if (list === undefined) lists.set(key, [value])
  else list.push(value)
}
