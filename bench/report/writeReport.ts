/**
 * bench/report.md and its charts (bench/report-charts/*.svg), written from
 * the suite's results: every number in them comes from this run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'

import { geomean } from '../../src/shared/stats.js'
import type { BlockResult } from '../suite/benchSuite.js'
import { PROJECTED_WORKERS } from '../suite/projection.js'
import { projectionHeaders, projectionRow, resultHeaders, resultRow } from '../suite/resultRows.js'
import { HEADLINE_PROJECTIONS, furthestFromIdeal, headlineRows } from './headline.js'
import type { MemoryFigure } from './memory.js'
import type { EngineProfile } from './profile.js'
import { barChart, lineChart } from './svg.js'

export interface ReportInput {
  readonly results: readonly BlockResult[]
  readonly memory: readonly MemoryFigure[]
  /** CPU profiles of both engines on the block furthest from its bound (if taken). */
  readonly profile?: { readonly label: string; readonly runs: number; readonly engines: readonly EngineProfile[] }
  readonly workers: number
  readonly repeat: number
  readonly size: string
  readonly seed: number
  readonly command: string
  readonly startedAt: Date
  readonly minutes: number
  /** os.loadavg()[0] at the start and at the end of the run: above the core count, other work shared the machine. */
  readonly loadAverage: { readonly start: number; readonly end: number }
  readonly familyDescriptions: Readonly<Record<string, string>>
}

function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

const times = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`)

/** The headline table (markdown), also printed on the terminal for closing notes to copy. */
export function headlineTable(results: readonly BlockResult[], workers: number): string {
  const rows = headlineRows(results, workers).map((row) => [
    row.family === 'mainnet' ? `**mainnet** (geomean of ${row.blocks})` : row.family,
    row.blocks,
    times(row.measured),
    times(row.measuredExecOnly),
    times(row.ideal),
    ...HEADLINE_PROJECTIONS.map((w) => times(row.projected[w])),
    row.projectionError === undefined ? 'n/a' : `${(row.projectionError * 100).toFixed(0)}%`,
  ])
  return markdownTable(
    ['family', 'blocks', `measured ${workers}w speedup`, `measured ${workers}w exec-only`, `ideal ${workers}w`, ...HEADLINE_PROJECTIONS.map((w) => `projected ${w}w`), `projection error at ${workers}w`],
    rows,
  )
}

export function writeReport(input: ReportInput, reportPath: string, chartsDir: string): void {
  const { results, workers } = input
  mkdirSync(chartsDir, { recursive: true })
  const mocked = results.filter((r) => r.family !== 'mainnet')
  const mainnet = results.filter((r) => r.family === 'mainnet')
  const categories = [...mocked.map((r) => r.label), ...(mainnet.length > 0 ? [`mainnet (geomean ${mainnet.length})`] : [])]
  const withMainnet = (pick: (r: BlockResult) => number) => [...mocked.map(pick), ...(mainnet.length > 0 ? [geomean(mainnet.map(pick))] : [])]

  const charts: Record<string, string> = {
    'speedup.svg': barChart({
      title: `Speedup over the sequential reference, ${workers} workers (measured)`,
      yLabel: 'speedup (×)',
      categories,
      reference: 1,
      series: [
        { name: 'end-to-end', values: withMainnet((r) => r.comparison.speedup) },
        { name: 'execution only', values: withMainnet((r) => r.comparison.speedupExecutionOnly) },
        { name: `ideal bound ${workers}w`, values: withMainnet((r) => r.bound.byWorkers[workers] ?? 1) },
      ],
    }),
    'mgas.svg': barChart({
      title: `Throughput, sequential vs parallel (${workers} workers, measured, end-to-end)`,
      yLabel: 'Mgas/s',
      categories,
      series: [
        { name: 'sequential', values: withMainnet((r) => r.comparison.sequentialMgasPerSec) },
        { name: `parallel ${workers}w`, values: withMainnet((r) => r.comparison.parallelMgasPerSec) },
      ],
    }),
  }
  const families = headlineRows(results, workers)
  const projectedFamilies = [...new Set(results.filter((r) => r.projection !== undefined).map((r) => r.family))]
  if (projectedFamilies.length > 0) {
    const curve = (family: string, pick: (r: BlockResult, w: number) => number) =>
      PROJECTED_WORKERS.map((w) => geomean(results.filter((r) => r.family === family && r.projection !== undefined).map((r) => pick(r, w))))
    charts['projected-scaling.svg'] = lineChart({
      title: 'Projected speedup by family (simulator, calibrated; projections, not measurements)',
      yLabel: 'speedup over the reference (×)',
      xLabel: 'virtual workers',
      xs: PROJECTED_WORKERS,
      series: projectedFamilies.map((family) => ({ name: family, values: curve(family, (r, w) => r.projection!.byWorkers[w]?.speedup ?? Number.NaN) })),
    })
    charts['ideal-scaling.svg'] = lineChart({
      title: 'Ideal bound by family (total work / critical path on W workers)',
      yLabel: 'bound (×)',
      xLabel: 'workers',
      xs: PROJECTED_WORKERS,
      series: projectedFamilies.map((family) => ({ name: family, values: curve(family, (r, w) => r.bound.byWorkers[w] ?? 1) })),
    })
  }
  for (const [name, svg] of Object.entries(charts)) writeFileSync(join(chartsDir, name), svg)

  const chartLink = (name: string) => `![${name}](report-charts/${name})`
  const gaps = furthestFromIdeal(results, workers)
  const lines = [
    '# Benchmark report',
    '',
    `Generated by \`${input.command}\` on ${input.startedAt.toISOString()} in ${input.minutes.toFixed(1)} min — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
    `Every number below is computed by \`bench/report/\` from this run; nothing is edited by hand.`,
    `Load average (1 min) at the start ${input.loadAverage.start.toFixed(1)}, at the end ${input.loadAverage.end.toFixed(1)}${Math.max(input.loadAverage.start, input.loadAverage.end) > cpus().length ? ' — **above the core count: measured under load, timings not representative**' : ''}.`,
    '',
    `Measured: ${workers} worker threads, ${input.repeat} alternating repetitions per block after a warm-up, median (spread = (max − min) / median).`,
    `Projected: the scheduler simulator (real Scheduler and MVMemory, virtual time) on each block's traced per-transaction costs and access sets, calibrated on a measured 1-worker run (bench/suite/projection.ts). Projections are not measurements.`,
    `Mocked blocks: size \`${input.size}\`, seed ${input.seed} (bench/generators/, regenerated deterministically into bench/out/blocks/).`,
    '',
    '## Headline',
    '',
    headlineTable(results, workers),
    '',
    '## Furthest from the ideal bound',
    '',
    `Gap = ideal bound on ${workers} workers / measured execution-only speedup; the causes come from the parallel run's phase timings (stats.phaseMs), its workers' busy time, the calibrated per-transaction overhead k and the counters.`,
    '',
    markdownTable(['block', 'family', 'gap', 'where the time went'], gaps.map((g) => [g.label, g.family, `${g.gap.toFixed(2)}×`, g.why])),
    '',
    ...profileSection(input.profile),
    '## Charts',
    '',
    chartLink('speedup.svg'),
    '',
    chartLink('mgas.svg'),
    '',
    ...(charts['projected-scaling.svg'] === undefined ? [] : [chartLink('projected-scaling.svg'), '', chartLink('ideal-scaling.svg'), '']),
    '## Families',
    '',
    markdownTable(['family', 'what'], families.filter((f) => f.family !== 'mainnet').map((f) => [f.family, input.familyDescriptions[f.family] ?? ''])),
    '',
    '## Every block (measured)',
    '',
    markdownTable(resultHeaders(workers), results.map(resultRow)),
    '',
  ]
  if (results.some((r) => r.projection !== undefined)) {
    lines.push(
      '## Projections (simulator; not measurements)',
      '',
      `Execution-only speedup over the reference. k = the engine's execution time per transaction over the reference's (1-worker run); fixed and dispatch = the 1-worker run's time outside the simulated makespan, kept constant. The ${workers}w error compares the projected ${workers}-worker speedup with the measured one. A \"!\" marks a projection above the block's ideal bound: its calibration run was disturbed (a noisy machine, a block of a few ms), so that row is not to be trusted.`,
      '',
      markdownTable(projectionHeaders(workers), results.filter((r) => r.projection !== undefined).map(projectionRow)),
      '',
    )
  }
  if (input.memory.length > 0) {
    lines.push(
      '## Memory',
      '',
      'Each engine in its own child process: peak RSS over 1 + K executions, RSS after loading the block, and MB allocated per execution by all threads (from `--trace-gc`, warm-up removed by difference; bench/report/memory.ts).',
      '',
      markdownTable(
        ['block', 'engine', 'peak RSS MB', 'RSS after load MB', 'allocated MB / block'],
        input.memory.map((m) => [m.label, m.engine, m.peakRssMb.toFixed(0), m.loadedRssMb.toFixed(0), m.allocatedMbPerBlock.toFixed(0)]),
      ),
      '',
    )
  }
  writeFileSync(reportPath, lines.join('\n'))
}

function profileSection(profile: ReportInput['profile']): string[] {
  if (profile === undefined || profile.engines.length === 0) return []
  const categories = [...new Set(profile.engines.flatMap((engine) => Object.keys(engine.msPerBlock)))]
  const total = (engine: EngineProfile) => Object.values(engine.msPerBlock).reduce((a, b) => a + b, 0)
  const cell = (engine: EngineProfile, category: string) => {
    const ms = engine.msPerBlock[category] ?? 0
    return `${ms.toFixed(1)} (${((100 * ms) / Math.max(1e-9, total(engine))).toFixed(0)}%)`
  }
  return [
    `### CPU profile of ${profile.label}`,
    '',
    `\`node --cpu-prof\` on each engine in its own process (every thread: ${profile.engines.map((e) => `${e.engine} ${e.threads}`).join(', ')} profiles); CPU ms per warm execution by category of code: (1 + ${profile.runs} executions − 1 execution) / ${profile.runs}, so loading, thread start-up and the cold first run cancel out (bench/report/profile.ts). CPU time, not wall time: the parallel column adds up its threads; \"idle / waiting\" is threads with nothing to do.`,
    '',
    markdownTable(
      ['category', ...profile.engines.map((e) => `${e.engine} CPU ms (share)`)],
      [...categories.map((category) => [category, ...profile.engines.map((e) => cell(e, category))]), ['**total**', ...profile.engines.map((e) => total(e).toFixed(1))]],
    ),
    '',
  ]
}
