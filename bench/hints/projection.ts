/**
 * Projections past this machine's two cores: a block's real access sets
 * (recorded by the sequential reference) and per-transaction costs (gas at
 * the reference's ~35 Mgas/s) replayed in the Block-STM simulator with V
 * virtual workers, with and without the same scheduling hints. Projections,
 * not measurements: they model the scheduler, not the EVM's cache or GC.
 *
 * Modelling choices (the engine's lazy updates): every fee payment is a DELTA
 * on the beneficiary's balance, which only `explicitReaders` read (the
 * recorder sees every transaction touch it, so the caller says who reads it
 * on purpose: the analyzer's prediction, or the sender/recipient); a balance
 * written but not read is a lazy credit (a DELTA); everything else read is
 * read and everything written is written, except code (a toy transaction
 * writes words; code reads stay reads).
 */
import type { BlockExecution } from '../../executor/blockExecution.js'
import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import { simulate, type SimulationHints } from '../../scheduler/simulator/simulator.js'
import type { ToyBlock, ToyTransaction } from '../../scheduler/simulator/toyBlock.js'
import { chooseWorkerCount } from '../../scheduler/workerChoice.js'
import { type LocationKey, LocationKind, balanceKey, kindOf } from '../../src/shared/locations.js'

/** µs per gas at the sequential reference's ~35 Mgas/s. */
const MICROSECONDS_PER_GAS = 1 / 35

export function toyBlockOf(reference: BlockExecution, coinbase: Uint8Array, explicitReaders: ReadonlySet<number> = new Set()): ToyBlock {
  if (reference.accesses === undefined) throw new Error('toyBlockOf: the reference must be executed with recordAccesses')
  const fees = balanceKey(coinbase)
  const transactions: ToyTransaction[] = reference.accesses.map((access, index) => {
    const outcome = reference.outcomes[index]!
    const gas = outcome.kind === 'executed' ? Number(outcome.gasUsed) : 0
    const reads = [...access.reads].filter((key) => key !== fees || explicitReaders.has(index))
    const readSet = new Set(reads)
    const writes: LocationKey[] = []
    const deltas: LocationKey[] = gas > 0 ? [fees] : []
    for (const key of access.writes) {
      if (key === fees || kindOf(key) === LocationKind.Code) continue // toy writes are words, never code
      if (kindOf(key) === LocationKind.Balance && !readSet.has(key)) deltas.push(key)
      else writes.push(key)
    }
    return { reads, writes, deltas, cost: Math.max(1, gas * MICROSECONDS_PER_GAS) }
  })
  return { transactions, validationCost: 2 }
}

export interface Projection {
  readonly workers: number
  readonly makespanUs: number
  readonly speedup: number
  readonly reExecutions: number
  readonly aborts: number
}

export interface ProjectionOptions {
  readonly hints?: SchedulingHints
  /** Choose the worker count from the graph (at most `workers`). */
  readonly graph?: { readonly totalWork: number; readonly criticalPath: number }
}

export function project(block: ToyBlock, workers: number, options: ProjectionOptions = {}): Projection {
  const used = options.graph === undefined ? workers : chooseWorkerCount({ ...options.graph, available: workers })
  // The engine's own trust monitor is on whenever it gets hints (SchedulingHints.trust, default 'monitor').
  const trust = options.hints === undefined ? undefined : (options.hints.trust ?? 'monitor')
  const locations = new Set(block.transactions.flatMap((t) => [...t.reads, ...t.writes, ...(t.deltas ?? [])])).size
  const capacity = { locations: Math.max(4096, 2 * locations + 2 * block.transactions.length) }
  // The same event budget as the suite's projections (bench/suite/projection.ts): contended blocks at 16+ workers need it.
  const maxSteps = 1_000_000 + 5_000 * block.transactions.length
  const report = simulate(block, { workers: used, seed: 1, hints: simulationHintsOf(options.hints), trust, capacity, checkInvariants: false, maxSteps })
  return { workers: used, makespanUs: report.makespan, speedup: report.speedup, reExecutions: report.reExecutions, aborts: report.aborts }
}

function simulationHintsOf(hints: SchedulingHints | undefined): SimulationHints | undefined {
  if (hints === undefined) return undefined
  return {
    startDependencies: (hints.startAfter ?? []).map(([tx, after]) => ({ tx, after })),
    estimates: (hints.estimates ?? []).flatMap(([tx, keys]) => keys.map((location) => ({ tx, location }))),
  }
}
