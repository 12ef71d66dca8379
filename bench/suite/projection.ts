/**
 * From a traced block (measured per-transaction costs, actual access sets
 * with lazy credits) to the ideal bound and to projections for more workers
 * than this machine has, with the scheduler simulator (the real Scheduler and
 * MVMemory in virtual time).
 *
 * Ideal bound on W workers: total cost / max(critical path, total cost / W),
 * the critical path being the costliest chain of read-after-write
 * dependencies (lazy credits make none; scheduler/simulator/criticalPath.ts).
 *
 * Projection model (labelled as such wherever it is printed):
 *   time(W) = fixed + dispatch + makespan_W(k × costs)
 * - makespan_W: the simulator's virtual time on W workers for the block's
 *   dependency structure, with each transaction costing k × its sequential
 *   cost (validation: 2 µs + 0.5 µs per location read; wake-up 25 µs);
 * - k = the engine's execution time per transaction over the reference's,
 *   from the measured 1-worker run (its workers' busy time / total cost);
 * - fixed = the 1-worker run's main-thread phases (block start, setup, merge,
 *   final writes, receipts), taken as constant in W;
 * - dispatch = what the 1-worker run's workers phase spent beyond the
 *   simulated makespan (messages, scheduling), also taken as constant.
 * The 1-worker run calibrates the model (its error is zero by construction);
 * the measured 2-worker run validates it: the report prints the error of the
 * projected 2-worker speedup against the measured one.
 */
import { criticalPath } from '../../scheduler/simulator/criticalPath.js'
import { SimulationStuckError, type SimulationReport, simulate } from '../../scheduler/simulator/simulator.js'
import type { ToyBlock } from '../../scheduler/simulator/toyBlock.js'
import { type LocationKey, LocationKind, addressOf, kindOf, storageKey } from '../../src/shared/locations.js'
import type { BlockTrace } from './blockTrace.js'

export const PROJECTED_WORKERS = [1, 2, 4, 8, 16, 32] as const

/** The simulator's toy writes are words: a code location stands in as a reserved storage slot of its account. */
const CODE_STAND_IN_SLOT = new Uint8Array(32).fill(0xc0)

function toyKey(key: LocationKey): LocationKey {
  return kindOf(key) === LocationKind.Code ? storageKey(addressOf(key), CODE_STAND_IN_SLOT) : key
}

/** The block as the simulator sees it; every cost multiplied by `scale`. */
export function toyBlockOf(trace: BlockTrace, scale = 1): ToyBlock {
  return {
    transactions: trace.txs.map((tx) => {
      const reads = [...tx.access.reads].map(toyKey)
      return {
        reads,
        writes: [...new Set([...tx.access.writes].map(toyKey))],
        deltas: [...tx.access.deltas],
        cost: Math.max(1, tx.costUs * scale),
        validationCost: 2 + 0.5 * reads.length,
      }
    }),
  }
}

export interface IdealBound {
  readonly totalCostUs: number
  readonly criticalPathUs: number
  /** W → total / max(critical path, total / W); and W = Infinity. */
  readonly byWorkers: Readonly<Record<number, number>>
  readonly unbounded: number
}

export function idealBound(trace: BlockTrace, workers: readonly number[] = PROJECTED_WORKERS): IdealBound {
  const block = toyBlockOf(trace)
  const total = block.transactions.reduce((sum, tx) => sum + tx.cost, 0)
  const path = criticalPath(block)
  const bound = (w: number) => (total === 0 ? 1 : total / Math.max(path, total / w))
  return { totalCostUs: total, criticalPathUs: path, byWorkers: Object.fromEntries(workers.map((w) => [w, bound(w)])), unbounded: bound(Infinity) }
}

/** What a measured execution-only 1-worker run says about the engine (see the file comment). */
export interface OneWorkerRun {
  /** Median wall time of the parallel engine with 1 worker, execution only. */
  readonly ms: number
  /** Its workers phase (stats.phaseMs.workers) and its worker's busy time (stats.busyMsPerWorker[0]). */
  readonly workersPhaseMs: number
  readonly busyMs: number
}

export interface Projection {
  /** k: engine execution time per unit of reference execution time. */
  readonly executionOverhead: number
  readonly fixedMs: number
  readonly dispatchMs: number
  /** W → projected wall time (ms), projected speedup over `sequentialMs`, and the simulator's own speedup (scheduler only). */
  readonly byWorkers: Readonly<Record<number, { readonly ms: number; readonly speedup: number; readonly simulatorSpeedup: number; readonly reExecutions: number }>>
  /** Worker counts the simulator gave up on (event budget exhausted): not projected. */
  readonly gaveUp: readonly number[]
}

export function project(trace: BlockTrace, sequentialMs: number, one: OneWorkerRun, workers: readonly number[] = PROJECTED_WORKERS): Projection {
  const totalMs = trace.totalCostUs / 1000
  const k = totalMs > 0 ? one.busyMs / totalMs : 1
  const scaled = toyBlockOf(trace, k)
  const runs = new Map<number, SimulationReport>()
  const gaveUp: number[] = []
  for (const w of workers) {
    const report = simulateOrGiveUp(scaled, w)
    if (report === undefined) gaveUp.push(w)
    else runs.set(w, report)
  }
  const single = runs.get(1) ?? simulateOrGiveUp(scaled, 1)
  if (single === undefined) throw new Error('the simulator could not finish the block on 1 worker')
  const fixedMs = Math.max(0, one.ms - one.workersPhaseMs)
  const dispatchMs = Math.max(0, one.workersPhaseMs - single.makespan / 1000)
  const byWorkers: Record<number, Projection['byWorkers'][number]> = {}
  for (const [w, report] of runs) {
    const ms = fixedMs + dispatchMs + report.makespan / 1000
    byWorkers[w] = { ms, speedup: sequentialMs / ms, simulatorSpeedup: report.speedup, reExecutions: report.reExecutions }
  }
  return { executionOverhead: k, fixedMs, dispatchMs, byWorkers, gaveUp }
}

/**
 * A long dependency chain on many virtual workers costs many events (every
 * waiting transaction retries); the budget is generous, and past it that
 * worker count is reported as not projected instead of failing the suite.
 */
function simulateOrGiveUp(block: ToyBlock, workers: number): SimulationReport | undefined {
  // The multi-version memory sized for the block's distinct locations (with room), as the engine sizes it by gas.
  const locations = new Set(block.transactions.flatMap((tx) => [...tx.reads, ...tx.writes, ...(tx.deltas ?? [])])).size
  const capacity = { locations: Math.max(4096, 2 * locations + 2 * block.transactions.length) }
  try {
    return simulate(block, { workers, seed: 1, capacity, checkInvariants: false, maxSteps: 1_000_000 + 5_000 * block.transactions.length })
  } catch (error) {
    if (error instanceof SimulationStuckError) return undefined
    throw error
  }
}

/** Relative error of a projection against a measurement: (projected − measured) / measured. */
export function projectionError(projected: number, measured: number): number {
  return (projected - measured) / measured
}
