/**
 * The per-block table of the suite, as rows of cells: printed by `pevm bench`
 * (plain text) and by the report (markdown), so both show the same columns.
 */
import type { BlockResult } from './benchSuite.js'

export function resultHeaders(workers: number): string[] {
  return [
    'block', 'txs', 'Mgas', 'seq ms (±)', `par ms (±)`, 'speedup', 'exec-only', 'seq Mgas/s', 'par Mgas/s',
    'executions', 're-exec', 'aborts', 'fallback', `ideal ${workers}w`, 'ideal ∞',
  ]
}

const pct = (value: number) => `${(value * 100).toFixed(0)}%`

export function resultRow(result: BlockResult): (string | number)[] {
  const r = result.comparison
  return [
    result.label,
    r.txs,
    (r.gas / 1e6).toFixed(2),
    `${r.sequentialMs.toFixed(1)} (${pct(r.sequentialSpread)})`,
    `${r.parallelMs.toFixed(1)} (${pct(r.parallelSpread)})`,
    `${r.speedup.toFixed(2)}×`,
    `${r.speedupExecutionOnly.toFixed(2)}×`,
    r.sequentialMgasPerSec.toFixed(1),
    r.parallelMgasPerSec.toFixed(1),
    r.executions,
    r.reExecutions,
    r.validationAborts + r.dependencyAborts,
    r.fallbacks > 0 ? (r.fallbackReason ?? 'yes') : '',
    `${(result.bound.byWorkers[r.workers] ?? 1).toFixed(2)}×`,
    `${result.bound.unbounded.toFixed(1)}×`,
  ]
}

export function projectionHeaders(workers: number): string[] {
  return ['block', 'k (engine/ref per tx)', 'fixed ms', 'dispatch ms', ...[1, 2, 4, 8, 16, 32].map((w) => `${w}w proj.`), `${workers}w measured`, `${workers}w error`, 'ideal 32w']
}

export function projectionRow(result: BlockResult): (string | number)[] {
  const p = result.projection
  if (p === undefined) return [result.label, 'n/a']
  const v = result.validation
  return [
    result.label,
    p.executionOverhead.toFixed(2),
    p.fixedMs.toFixed(1),
    p.dispatchMs.toFixed(1),
    ...[1, 2, 4, 8, 16, 32].map((w) => {
      const projected = p.byWorkers[w]
      if (projected === undefined) return 'n/a'
      // Above the ideal bound means the calibration run was disturbed (k < 1, or a slow reference run): flagged.
      return `${projected.speedup.toFixed(2)}×${projected.speedup > 1.05 * (result.bound.byWorkers[w] ?? Infinity) ? ' !' : ''}`
    }),
    v === undefined ? '' : `${v.measuredSpeedup.toFixed(2)}×`,
    v === undefined ? '' : `${v.error >= 0 ? '+' : ''}${(v.error * 100).toFixed(0)}%`,
    `${(result.bound.byWorkers[32] ?? 1).toFixed(2)}×`,
  ]
}
