/**
 * What one parallel run says about re-execution and read checkpoints, read
 * defensively from `stats` (ParallelStats keeps unknown fields open): an
 * engine without checkpoints reports neither `reExecutionMs` nor
 * `checkpoints`, and those come out `undefined` (printed "n/a"), never 0.
 *
 * The engine's contract (issue 11):
 *   stats.reExecutionMs   busy ms in incarnations > 0, summed over workers
 *   stats.checkpoints     { taken, used, bytes, gasSkipped, fullRestarts }:
 *                         snapshots taken, snapshots resumed from, bytes of
 *                         snapshot state captured, EVM gas not re-executed
 *                         thanks to resumes (bigint or number), re-executions
 *                         that could not resume
 *   optionally, why they could not: noneTaken (no snapshot at all),
 *   elsewhere (the snapshots were on another worker), preambleChanged (the
 *   reads before the snapshot's frame differed)
 */
import type { BlockExecution } from '../../executor/blockExecution.js'
import { median } from '../../src/shared/stats.js'

export interface SnapshotStats {
  readonly taken: number
  readonly used: number
  readonly bytes: number
  readonly gasSkipped: number
  readonly fullRestarts: number
  /** Why re-executions started over, when the engine says (field → count). */
  readonly restartReasons: Readonly<Record<string, number>> | undefined
}

export interface RunStats {
  readonly ms: number
  readonly reExecutions: number
  readonly aborts: number
  /** 1 when the engine gave up and re-ran the block sequentially (its other fields are then meaningless). */
  readonly fallbacks: number
  readonly reExecutionMs: number | undefined
  readonly checkpoints: SnapshotStats | undefined
}

const SNAPSHOT_FIELDS = ['taken', 'used', 'bytes', 'gasSkipped', 'fullRestarts'] as const
const RESTART_REASONS = ['noneTaken', 'elsewhere', 'preambleChanged'] as const

function finiteNumber(value: unknown): number | undefined {
  const number = typeof value === 'bigint' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}

/** undefined unless every field is there and a number (or bigint). */
function snapshotStatsOf(value: unknown): SnapshotStats | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const fields: Partial<Record<(typeof SNAPSHOT_FIELDS)[number], number>> = {}
  for (const field of SNAPSHOT_FIELDS) {
    const number = finiteNumber(record[field])
    if (number === undefined) return undefined
    fields[field] = number
  }
  return { ...(fields as Omit<SnapshotStats, 'restartReasons'>), restartReasons: restartReasonsOf(record) }
}

function restartReasonsOf(record: Record<string, unknown>): Record<string, number> | undefined {
  const reasons = RESTART_REASONS.flatMap((reason) => {
    const count = finiteNumber(record[reason])
    return count === undefined ? [] : [[reason, count] as const]
  })
  return reasons.length === 0 ? undefined : Object.fromEntries(reasons)
}

export function runStatsOf(execution: BlockExecution): RunStats {
  const stats = execution.stats as Record<string, unknown>
  return {
    ms: execution.ms,
    reExecutions: Number(stats.reExecutions ?? 0),
    aborts: Number(stats.validationAborts ?? 0) + Number(stats.dependencyAborts ?? 0),
    fallbacks: Number(stats.fallbacks ?? 0),
    reExecutionMs: finiteNumber(stats.reExecutionMs),
    checkpoints: snapshotStatsOf(stats.checkpoints),
  }
}

/** Field-by-field medians of repeated runs; a field missing from any run stays missing. */
export function medianRunStats(runs: readonly RunStats[]): RunStats {
  const of = (pick: (run: RunStats) => number) => median(runs.map(pick))
  const reExecutionMs = runs.every((run) => run.reExecutionMs !== undefined) ? of((run) => run.reExecutionMs!) : undefined
  const checkpoints = runs.every((run) => run.checkpoints !== undefined) ? medianSnapshotStats(runs.map((run) => run.checkpoints!)) : undefined
  return { ms: of((run) => run.ms), reExecutions: of((run) => run.reExecutions), aborts: of((run) => run.aborts), fallbacks: Math.max(...runs.map((run) => run.fallbacks)), reExecutionMs, checkpoints }
}

function medianSnapshotStats(all: readonly SnapshotStats[]): SnapshotStats {
  const fields = Object.fromEntries(SNAPSHOT_FIELDS.map((field) => [field, median(all.map((stats) => stats[field]))])) as Omit<SnapshotStats, 'restartReasons'>
  const reasons = RESTART_REASONS.filter((reason) => all.every((stats) => stats.restartReasons?.[reason] !== undefined))
  const restartReasons = reasons.length === 0 ? undefined : Object.fromEntries(reasons.map((reason) => [reason, median(all.map((stats) => stats.restartReasons![reason]!))]))
  return { ...fields, restartReasons }
}
