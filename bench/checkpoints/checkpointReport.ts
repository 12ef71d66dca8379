/**
 * The checkpoint bench's table and per-group summary. Figures the engine
 * does not report (an engine without checkpoints) print as "n/a".
 *
 *   work cut      1 - on/off of re-execution work (busy ms in incarnations > 0)
 *   Δ wall        on/off - 1 of the median wall time; on the no-conflict
 *                 group this is the overhead of taking snapshots
 */
import { formatTable } from '../table.js'
import type { CheckpointRow } from './checkpointRuns.js'
import type { SnapshotStats } from './checkpointStats.js'

const NA = 'n/a'

function percent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return NA
  return `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`
}

/** 1 - on/off, or undefined when either is unknown or off is 0. */
export function workCut(off: number | undefined, on: number | undefined): number | undefined {
  if (off === undefined || on === undefined || off === 0) return undefined
  return 1 - on / off
}

function ms(value: number | undefined): string {
  return value === undefined ? NA : value.toFixed(1)
}

/** "3 (none 1, elsewhere 2)": full restarts and, when the engine says, why. */
function restarts(snapshots: SnapshotStats): string {
  const reasons = Object.entries(snapshots.restartReasons ?? {}).filter(([, count]) => count > 0)
  const short: Record<string, string> = { noneTaken: 'none', elsewhere: 'elsewhere', preambleChanged: 'preamble' }
  return reasons.length === 0 ? String(snapshots.fullRestarts) : `${snapshots.fullRestarts} (${reasons.map(([reason, count]) => `${short[reason] ?? reason} ${count}`).join(', ')})`
}

function arrow(off: string | number, on: string | number): string {
  return `${off}→${on}`
}

export function formatCheckpointRows(rows: readonly CheckpointRow[]): string {
  const hinted = rows.some((row) => row.hintEdges !== undefined)
  const table = formatTable(
    ['block', 'group', 'txs', 'Mgas', ...(hinted ? ['hint edges'] : []), 'seq ms', 'off ms', 'on ms', 'Δ wall', 're-exec off→on', 're-exec ms off→on', 'work cut', 'snap taken/used', 'snap KiB', 'gas skipped', 'full restarts', 'ok'],
    rows.map((row) => {
      const snapshots = row.on.checkpoints
      const fallback = row.off.fallbacks + row.on.fallbacks > 0 ? ' (fallback)' : ''
      return [
        row.label,
        row.group,
        row.txs,
        (row.gas / 1e6).toFixed(1),
        ...(hinted ? [row.hintEdges ?? NA] : []),
        row.sequentialMs.toFixed(1),
        row.off.ms.toFixed(1),
        row.on.ms.toFixed(1),
        percent(row.on.ms / row.off.ms - 1),
        arrow(row.off.reExecutions, row.on.reExecutions),
        arrow(ms(row.off.reExecutionMs), ms(row.on.reExecutionMs)),
        percent(workCut(row.off.reExecutionMs, row.on.reExecutionMs)),
        snapshots === undefined ? NA : arrow(snapshots.taken, snapshots.used).replace('→', '/'),
        snapshots === undefined ? NA : (snapshots.bytes / 1024).toFixed(0),
        snapshots === undefined ? NA : (snapshots.gasSkipped / 1e6).toFixed(2) + 'M',
        snapshots === undefined ? NA : restarts(snapshots),
        (row.correct ? 'yes' : `NO: ${row.mismatch}`) + fallback,
      ]
    }),
  )
  return table
}

export interface GroupSummary {
  readonly group: string
  readonly blocks: number
  readonly offMs: number
  readonly onMs: number
  /** on/off - 1 of the summed median wall times (the snapshot overhead where nothing conflicts). */
  readonly wallChange: number
  readonly reExecutions: { readonly off: number; readonly on: number }
  readonly reExecutionMs: { readonly off: number | undefined; readonly on: number | undefined }
  readonly workCut: number | undefined
}

export function summarizeGroups(rows: readonly CheckpointRow[]): GroupSummary[] {
  return [...new Set(rows.map((row) => row.group))].map((group) => {
    const members = rows.filter((row) => row.group === group)
    const sum = (pick: (row: CheckpointRow) => number) => members.reduce((total, row) => total + pick(row), 0)
    const sumKnown = (pick: (row: CheckpointRow) => number | undefined) =>
      members.every((row) => pick(row) !== undefined) ? members.reduce((total, row) => total + pick(row)!, 0) : undefined
    const reOff = sumKnown((row) => row.off.reExecutionMs)
    const reOn = sumKnown((row) => row.on.reExecutionMs)
    const offMs = sum((row) => row.off.ms)
    const onMs = sum((row) => row.on.ms)
    return {
      group,
      blocks: members.length,
      offMs,
      onMs,
      wallChange: onMs / offMs - 1,
      reExecutions: { off: sum((row) => row.off.reExecutions), on: sum((row) => row.on.reExecutions) },
      reExecutionMs: { off: reOff, on: reOn },
      workCut: workCut(reOff, reOn),
    }
  })
}

export function formatGroupSummaries(summaries: readonly GroupSummary[]): string {
  return summaries
    .map((s) => {
      const wall = `wall ${s.offMs.toFixed(0)}→${s.onMs.toFixed(0)} ms (${percent(s.wallChange)}${s.group === 'no-conflict' ? ': snapshot overhead' : ''})`
      const work = `re-executions ${s.reExecutions.off}→${s.reExecutions.on}, re-execution work ${ms(s.reExecutionMs.off)}→${ms(s.reExecutionMs.on)} ms (cut ${percent(s.workCut)})`
      return `  ${s.group} (${s.blocks} block${s.blocks === 1 ? '' : 's'}): ${wall}; ${work}`
    })
    .join('\n')
}
