/**
 * The report's headline: per family, the measured W-worker speedup
 * (geomean over the family's blocks), the ideal bound, and the projected
 * 8/16/32-worker speedups; mainnet as one row (geomean over its blocks);
 * and the blocks furthest from their ideal bound, with where their time went.
 */
import { geomean } from '../../src/shared/stats.js'
import type { BlockResult } from '../suite/benchSuite.js'

export interface HeadlineRow {
  readonly family: string
  readonly blocks: number
  readonly measured: number
  readonly measuredExecOnly: number
  readonly ideal: number
  /** W → geomean projected speedup (undefined without projections). */
  readonly projected: Readonly<Record<number, number | undefined>>
  readonly projectionError: number | undefined
}

export const HEADLINE_PROJECTIONS = [8, 16, 32] as const

export function headlineRows(results: readonly BlockResult[], workers: number): HeadlineRow[] {
  const families = [...new Set(results.map((r) => r.family))]
  return families.map((family) => {
    const rows = results.filter((r) => r.family === family)
    const g = (pick: (r: BlockResult) => number | undefined) => {
      const values = rows.map(pick)
      return values.every((v): v is number => v !== undefined && v > 0) ? geomean(values) : undefined
    }
    const errors = rows.map((r) => r.validation?.error).filter((e): e is number => e !== undefined)
    return {
      family,
      blocks: rows.length,
      measured: g((r) => r.comparison.speedup)!,
      measuredExecOnly: g((r) => r.comparison.speedupExecutionOnly)!,
      ideal: g((r) => r.bound.byWorkers[workers])!,
      projected: Object.fromEntries(HEADLINE_PROJECTIONS.map((w) => [w, g((r) => r.projection?.byWorkers[w]?.speedup)])),
      projectionError: errors.length === 0 ? undefined : errors.reduce((a, b) => a + Math.abs(b), 0) / errors.length,
    }
  })
}

export interface Gap {
  readonly label: string
  readonly family: string
  /** ideal bound on W workers / measured execution-only speedup. */
  readonly gap: number
  readonly why: string
}

/** The `count` blocks furthest from their ideal bound, with the largest causes their profile shows. */
export function furthestFromIdeal(results: readonly BlockResult[], workers: number, count = 5): Gap[] {
  return results
    .filter((r) => r.comparison.txs > 1)
    .map((r) => ({ result: r, gap: (r.bound.byWorkers[workers] ?? 1) / r.comparison.speedupExecutionOnly }))
    .sort((a, b) => b.gap - a.gap)
    .slice(0, count)
    .map(({ result, gap }) => ({ label: result.label, family: result.family, gap, why: explain(result) }))
}

/** Where the parallel run's time went, from its phase timings, busy times and counters. */
export function explain(result: BlockResult): string {
  const r = result.comparison
  const phases = result.profile.phaseMs
  const total = Object.values(phases).reduce((a, b) => a + b, 0)
  const reasons: string[] = []
  const k = result.projection?.executionOverhead
  if (k !== undefined && k > 1.15) reasons.push(`engine executes a transaction ${k.toFixed(2)}× slower than the reference (k, 1-worker run)`)
  if (total > 0) {
    const mainThread = total - (phases.workers ?? 0)
    if (mainThread / total > 0.15) {
      const biggest = Object.entries(phases).filter(([name]) => name !== 'workers').sort((a, b) => b[1] - a[1])[0]
      reasons.push(`${((100 * mainThread) / total).toFixed(0)}% of the parallel run on the main thread outside the workers (largest: ${biggest?.[0]} ${biggest?.[1].toFixed(1)} ms)`)
    }
    const busy = result.profile.busyMsPerWorker
    if (busy.length > 0 && (phases.workers ?? 0) > 0) {
      const idle = 1 - busy.reduce((a, b) => a + b, 0) / (busy.length * phases.workers!)
      if (idle > 0.2) reasons.push(`workers ${(idle * 100).toFixed(0)}% of the workers phase not executing (validation, waiting on dependencies, scheduling, messages)`)
    }
  }
  if (r.reExecutions > 0.1 * r.txs) reasons.push(`${r.reExecutions} re-executions for ${r.txs} transactions`)
  if (r.fallbacks > 0) reasons.push(`fell back to sequential: ${r.fallbackReason}`)
  return reasons.length > 0 ? reasons.join('; ') : 'no single dominant cause in the phase profile (noise under load?)'
}
