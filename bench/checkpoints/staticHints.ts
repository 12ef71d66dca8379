/**
 * `--hints static` for the checkpoint bench: the static analyzer's
 * dependency graph (facts + evmole bytecode summaries) turned into the
 * engine's scheduling hints, exactly as `pevm bench --hints static` does
 * (bench/hints/hintedBench.ts), with the mechanisms the caller chose. Both
 * parallel sides (checkpoints off and on) get the same hints.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { loadAnalysisInput } from '../../analyzer/input/analysisInput.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import { analyze } from '../../src/analyze.js'
import { type HintMechanisms, scheduleFromAnalysis } from '../../src/hints/schedulingHints.js'

export interface StaticHints {
  readonly hints: SchedulingHints
  /** The analyzer's worker count (only with the `workers` mechanism), else undefined. */
  readonly workers: number | undefined
  readonly edges: number
  readonly analysisMs: number
}

const summaries = new SummaryCache(join(homedir(), '.cache', 'pevm', 'summaries'))

export async function staticHintsFor(dir: string, workers: number, mechanisms: HintMechanisms): Promise<StaticHints> {
  const analysisInput = loadAnalysisInput(dir)
  const started = performance.now()
  const sources = sourcesFromSpec('static', { summaries })
  const analysis = await analyze(analysisInput.txs, analysisInput.preState, { sources, coinbase: analysisInput.coinbase })
  const schedule = scheduleFromAnalysis(analysis, workers, mechanisms)
  // Trust stays the engine's default ('monitor'), as in `pevm bench --hints`.
  return { hints: schedule.hints, workers: schedule.workers, edges: schedule.edgesUsed, analysisMs: performance.now() - started }
}
