/**
 * The benchmark suite over a list of blocks: per block, the sequential
 * reference against the parallel engine on W workers (compareEngines.ts:
 * same process, alternating, K repetitions, medians and spreads), the
 * block's trace (per-transaction costs and access sets) and ideal bound; then,
 * with projections on, a second pass with 1 worker that calibrates the
 * simulator's projections (projection.ts) and checks them against the
 * measured W-worker run. The 1-worker pass is a separate pass because
 * changing the worker count restarts the pool (cold threads).
 *
 * Fairness: blocks are loaded one at a time (loading is never timed) and
 * dropped after, and a full GC runs before each block (not before each run:
 * a forced GC shrinks the heap, and the reference then pays ~25% to grow it
 * again). The reference runs on the main thread, whose heap would otherwise
 * hold every loaded block: major GCs over that heap would slow the
 * reference, and not the engine's workers, and flatter the engine.
 */
import { type BlockInput, loadBlockInput } from '../../executor/blockInput.js'
import { executeParallel } from '../../executor/parallel/executeParallel.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { median } from '../../src/shared/stats.js'
import { collectGarbage } from '../collectGarbage.js'
import { type Comparison, compareEngines } from '../compareEngines.js'
import { progress } from '../mainnetFixtures.js'
import { type BlockTrace, traceBlock } from './blockTrace.js'
import { type IdealBound, type OneWorkerRun, type Projection, idealBound, project, projectionError } from './projection.js'

export interface SuiteBlock {
  readonly label: string
  /** Family name for mocked blocks, 'mainnet' for the fixtures. */
  readonly family: string
  readonly dir: string
}

export interface PhaseProfile {
  /** Median ms per phase of the parallel engine (stats.phaseMs), W workers, end-to-end run. */
  readonly phaseMs: Readonly<Record<string, number>>
  /** Busy ms per worker (executions) in that run. */
  readonly busyMsPerWorker: readonly number[]
}

export interface BlockResult {
  readonly label: string
  readonly family: string
  readonly comparison: Comparison
  readonly bound: IdealBound
  readonly profile: PhaseProfile
  /** With projections: the calibration run and the projections. */
  readonly oneWorker?: OneWorkerRun & { readonly sequentialMs: number }
  readonly projection?: Projection
  /**
   * Projected vs measured W-worker execution-only speedup (W = the suite's workers). Speedups, not
   * times: each is a ratio within its own pass, so load that differs between the passes cancels.
   */
  readonly validation?: { readonly workers: number; readonly measuredSpeedup: number; readonly projectedSpeedup: number; readonly error: number }
}

export interface SuiteOptions {
  readonly workers: number
  readonly repeat: number
  readonly projections: boolean
}

export async function runSuite(blocks: readonly SuiteBlock[], options: SuiteOptions): Promise<BlockResult[]> {
  const measured: { block: SuiteBlock; comparison: Comparison; trace: BlockTrace; profile: PhaseProfile }[] = []
  for (const [i, block] of blocks.entries()) {
    const label = `[${i + 1}/${blocks.length}] ${block.label} (${options.workers} workers)`
    const input = freshBlock(block, label)
    const comparison = await compareEngines(block.dir, input, { workers: options.workers, repeat: options.repeat, label })
    const profile = await phaseProfile(input, options.workers)
    progress(`${label}: tracing costs and accesses`)
    measured.push({ block, comparison, trace: await traceBlock(input), profile })
  }
  const results: BlockResult[] = []
  for (const [i, { block, comparison, trace, profile }] of measured.entries()) {
    const bound = idealBound(trace)
    if (!options.projections || comparison.txs === 0) {
      results.push({ label: block.label, family: block.family, comparison, bound, profile })
      continue
    }
    const label = `[${i + 1}/${blocks.length}] ${block.label} (1 worker, calibration)`
    const oneWorker = await measureOneWorker(freshBlock(block, label), options.repeat, label)
    progress(`${label}: simulating 1–32 virtual workers`)
    const projection = project(trace, oneWorker.sequentialMs, oneWorker)
    const projected = projection.byWorkers[options.workers]
    const validation =
      projected === undefined
        ? undefined
        : {
            workers: options.workers,
            measuredSpeedup: comparison.speedupExecutionOnly,
            projectedSpeedup: projected.speedup,
            error: projectionError(projected.speedup, comparison.speedupExecutionOnly),
          }
    results.push({ label: block.label, family: block.family, comparison, bound, profile, oneWorker, projection, validation })
  }
  return results
}

/** Loads a block (untimed) after a full GC, so that earlier blocks' garbage is not this block's. */
function freshBlock(block: SuiteBlock, label: string): BlockInput {
  progress(`${label}: loading`)
  collectGarbage()
  return loadBlockInput(block.dir)
}

/** One more end-to-end parallel run, for its phase timings and per-worker busy time. */
async function phaseProfile(input: BlockInput, workers: number): Promise<PhaseProfile> {
  const stats = (await executeParallel(input, { workers })).stats as { phaseMs?: Record<string, number>; busyMsPerWorker?: number[] }
  return { phaseMs: stats.phaseMs ?? {}, busyMsPerWorker: stats.busyMsPerWorker ?? [] }
}

/** Execution-only, 1 worker, alternating with the reference: medians of wall time, workers phase and busy time. */
async function measureOneWorker(input: BlockInput, repeat: number, label: string): Promise<OneWorkerRun & { sequentialMs: number }> {
  const runParallel = () => executeParallel(input, { workers: 1, senderRecovery: 'precomputed' })
  const runSequential = () => executeSequential(input, { senderRecovery: 'precomputed' })
  await runParallel() // the pool restarted with 1 thread: warm it on this block (the reference is warm from the first pass)
  const seq: number[] = []
  const par: number[] = []
  const phase: number[] = []
  const busy: number[] = []
  for (let i = 0; i < repeat; i++) {
    progress(`${label}: repetition ${i + 1}/${repeat}`)
    seq.push((await runSequential()).ms)
    const run = await runParallel()
    const stats = run.stats as { phaseMs?: Record<string, number>; busyMsPerWorker?: number[] }
    par.push(run.ms)
    phase.push(stats.phaseMs?.workers ?? run.ms)
    busy.push(stats.busyMsPerWorker?.[0] ?? 0)
  }
  return { sequentialMs: median(seq), ms: median(par), workersPhaseMs: median(phase), busyMs: median(busy) }
}
