/**
 * pevm-ts's public API: execute a block (parallel by default, or with the
 * sequential reference), from a block directory or an already loaded block.
 */
import type { BlockExecution } from '../executor/blockExecution.js'
import { type BlockInput, loadBlockInput } from '../executor/blockInput.js'
import type { ParallelOptions, SchedulingHints } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { checkSchedulingHints } from './hints/checkSchedulingHints.js'
import { type EngineChoice, chooseEngine, executeChosen } from './engineChoice.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'

export type { BlockExecution, TxOutcome, PostState } from '../executor/blockExecution.js'
export type { BlockInput } from '../executor/blockInput.js'
export { loadBlockInput } from '../executor/blockInput.js'
export { checkAgainstHeader } from './headerCheck.js'
export { chooseEngine, oneSenderChainReason, smallBlockReason, type EngineChoice } from './engineChoice.js'
export { postStateJson } from './postStateJson.js'
export { PevmError, isPevmError } from './shared/errors.js'
export { analyze, type Analysis, type AnalyzeOptions } from './analyze.js'
export type { HintSource, TxPrediction, CoarseLocation, Confidence } from '../analyzer/prediction.js'
export { sourcesFromSpec } from '../analyzer/sources/sourceSpec.js'
export { SummaryCache } from '../analyzer/bytecode/summaryCache.js'
export { transactionsFromRpc } from '../analyzer/transactionsFromRpc.js'
export { simulationSource } from './hints/simulationSource.js'
export { checkSchedulingHints } from './hints/checkSchedulingHints.js'
export { scheduleFromAnalysis, type HintMechanisms, type SeededSchedule } from './hints/schedulingHints.js'
export { order, type OrderOptions, type OrderResult, type Mempool } from './order/order.js'
export type { SchedulingHints } from '../executor/parallel/executeParallel.js'
export type { CheckpointPolicy } from '../executor/checkpoints/checkpointPolicy.js'
export type { CheckpointStats } from '../executor/checkpoints/checkpointStats.js'

export interface ExecuteOptions extends Pick<ParallelOptions, 'workers' | 'timeoutMs' | 'checkpoints'> {
  /** Run the sequential reference (ethereumjs runTx in order) instead of the parallel engine. */
  readonly sequential?: boolean
  /**
   * Run the parallel engine even on a block it cannot gain on (engineChoice.ts:
   * fewer than two transactions, a few milliseconds of work, or one sender's
   * chain), which by default runs on the sequential reference.
   */
  readonly alwaysParallel?: boolean
  /**
   * Scheduling hints for the parallel engine (e.g. scheduleFromAnalysis(analyze(…)).hints).
   * Malformed ones throw an InputError before anything runs; wrong ones cost time, never a result.
   */
  readonly hints?: SchedulingHints
}

/** Executes a block directory (path) or a loaded block; the result is the same whichever engine runs it. */
export async function executeBlock(block: string | BlockInput, options: ExecuteOptions = {}): Promise<BlockExecution> {
  const hints = options.hints === undefined ? undefined : checkSchedulingHints(options.hints)
  const input = typeof block === 'string' ? loadBlockInput(block) : block
  if (options.sequential === true) return executeSequential(input)
  const choice: EngineChoice = options.alwaysParallel === true ? { engine: 'parallel' } : chooseEngine(input)
  return executeChosen(input, choice, { workers: options.workers, timeoutMs: options.timeoutMs, hints, checkpoints: options.checkpoints })
}

/** Stops the parallel engine's worker threads (they are kept warm between blocks). */
export async function shutdown(): Promise<void> {
  await closeWorkerPool()
}
