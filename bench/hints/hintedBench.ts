/**
 * `pevm bench --hints <spec>`: the parallel engine without hints against the
 * same engine seeded from the analyzer's dependency graph, in the same
 * process, alternating run by run (so both see the same machine load), on
 * the mainnet fixtures and on mocked contended blocks. Per block: median
 * execution-only wall time at the measured worker count, re-executions and
 * aborts of each; and projections at 8/16/32 virtual workers from the
 * simulator (hints as the engine would get them). Every run is checked
 * against the sequential reference (gas used and receipts root).
 *
 * "Unhinted" is the engine with no hints at all (not even its default
 * same-sender chains, which are a hint from block.json's `from`). With
 * `--hints none` the hinted side is the engine's default (sender chains only).
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { loadAnalysisInput } from '../../analyzer/input/analysisInput.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import type { BlockExecution } from '../../executor/blockExecution.js'
import { type BlockInput, loadBlockInput } from '../../executor/blockInput.js'
import { type ParallelOptions, executeParallel, sameSenderChains } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { analyze } from '../../src/analyze.js'
import { parseBlock } from '../../src/blockDirectory/parseBlock.js'
import { type HintMechanisms, scheduleFromAnalysis } from '../../src/hints/schedulingHints.js'
import { simulationSource } from '../../src/hints/simulationSource.js'
import { usageError } from '../../src/shared/errors.js'
import { balanceKey } from '../../src/shared/locations.js'
import { median } from '../../src/shared/stats.js'
import { endProgress, mainnetBlockDirs, progress } from '../mainnetFixtures.js'
import { familyNamed, generateBlock } from '../generators/families.js'
import { formatTable } from '../table.js'
import { type Projection, project, toyBlockOf } from './projection.js'

export const PROJECTED_WORKERS = [8, 16, 32] as const

/** Contended mocked blocks (issue 8's generators) and one uncontended family, at bench sizes. */
export const HINT_FAMILIES = [
  { family: 'erc20-hot', txs: 200, group: 'contended' },
  { family: 'amm-one-pool', txs: 120, group: 'contended' },
  { family: 'transfers-one-sender', txs: 150, group: 'contended' },
  { family: 'beneficiary', txs: 150, group: 'contended' },
  { family: 'erc20-independent', txs: 200, group: 'uncontended' },
  { family: 'transfers-independent', txs: 300, group: 'uncontended' },
] as const

export interface HintedRow {
  readonly label: string
  readonly group: string
  readonly txs: number
  readonly edges: number
  readonly analysisMs: number
  readonly workers: number
  readonly hintedWorkers: number
  readonly unhinted: Side
  readonly hinted: Side
  readonly projected: readonly { readonly workers: number; readonly unhinted: Projection; readonly hinted: Projection }[]
  readonly correct: boolean
  readonly trust: unknown
}

interface Side {
  readonly ms: number
  readonly reExecutions: number
  readonly aborts: number
}

export interface HintedBenchOptions {
  readonly spec: string
  readonly workers: number
  readonly repeat: number
  readonly mechanisms: HintMechanisms
  readonly dirs: readonly string[]
  /** Mocked families too (default when no directory is given). */
  readonly families: boolean
  readonly trust?: 'monitor' | 'always'
}

/** A given directory's group: its mocked family's, 'mainnet' for the vendored fixtures, else 'given'. */
function groupOf(dir: string): string {
  const name = dir.replace(/\/+$/, '').split('/').pop() ?? ''
  const family = HINT_FAMILIES.find((entry) => name.startsWith(`${entry.family}-`))
  if (family !== undefined) return family.group
  return dir.includes('fixtures/mainnet') ? 'mainnet' : 'given'
}

/** `all` = every source available without a file. */
export function sourceSpecOf(spec: string): string | undefined {
  if (spec === 'none') return undefined
  if (spec === 'all') return 'static,accesslist,simulate'
  return spec
}

export async function runHintedBench(options: HintedBenchOptions): Promise<HintedRow[]> {
  const targets: { dir: string; group: string }[] = options.dirs.map((dir) => ({ dir, group: groupOf(dir) }))
  if (options.dirs.length === 0) {
    for (const dir of mainnetBlockDirs()) targets.push({ dir, group: 'mainnet' })
  }
  if (options.families) {
    for (const { family, txs, group } of HINT_FAMILIES) {
      progress(`generating ${family}`)
      targets.push({ dir: (await generateBlock(familyNamed(family), txs, 1)).dir, group })
    }
  }
  const summaries = new SummaryCache(join(homedir(), '.cache', 'pevm', 'summaries'))
  const rows: HintedRow[] = []
  try {
    for (const [i, target] of targets.entries()) {
      const label = `${i + 1}/${targets.length} ${target.dir.split('/').pop()}`
      progress(`${label}: loading and analysing`)
      const row = await benchOne(target.dir, target.group, options, summaries, label)
      if (row !== undefined) rows.push(row)
    }
  } finally {
    await closeWorkerPool()
    endProgress()
  }
  return rows
}

async function benchOne(dir: string, group: string, options: HintedBenchOptions, summaries: SummaryCache, label: string): Promise<HintedRow | undefined> {
  const input = loadBlockInput(dir)
  const txCount = input.parsed.block.transactions.length
  if (txCount === 0) return undefined
  const spec = sourceSpecOf(options.spec)
  let hintedOptions: ParallelOptions = { workers: options.workers, senderChains: true }
  let edges = 0
  let analysisMs = 0
  let graph: { totalWork: number; criticalPath: number } | undefined
  const beneficiaryReaders = new Set<number>()
  if (spec !== undefined) {
    const analysisInput = loadAnalysisInput(dir)
    const started = performance.now()
    const sources = sourcesFromSpec(spec, {
      summaries,
      simulation: () => simulationSource({ parsed: parseBlock(analysisInput.executable!.block, analysisInput.executable!.file), preState: input.preState, blockHashes: input.blockHashes }),
    })
    const analysis = await analyze(analysisInput.txs, analysisInput.preState, { sources, coinbase: analysisInput.coinbase })
    analysisMs = performance.now() - started
    const fees = balanceKey(input.parsed.block.header.coinbase.bytes)
    for (const { predictions } of analysis.sources) predictions.forEach((prediction, tx) => prediction.reads.has(fees) && beneficiaryReaders.add(tx))
    const schedule = scheduleFromAnalysis(analysis, options.workers, options.mechanisms)
    edges = schedule.edgesUsed
    hintedOptions = { workers: schedule.workers ?? options.workers, senderChains: false, hints: { ...schedule.hints, trust: options.trust } }
    if (schedule.workers !== undefined) graph = schedule.work
  }
  const unhintedOptions: ParallelOptions = { workers: options.workers, senderChains: false }

  const reference = await executeSequential(input, { recordAccesses: true })
  const run = (side: ParallelOptions) => executeParallel(input, { ...side, senderRecovery: 'precomputed' })
  let correct = true
  const check = (execution: BlockExecution) => {
    correct &&= sameResult(execution, reference)
    return execution
  }
  // Warm-up of both (JIT, worker pool, per-block parsing in the workers), checked.
  check(await run(unhintedOptions))
  check(await run(hintedOptions))
  const times = { unhinted: [] as number[], hinted: [] as number[] }
  let lastUnhinted: BlockExecution | undefined
  let lastHinted: BlockExecution | undefined
  for (let k = 0; k < options.repeat; k++) {
    progress(`${label}: repetition ${k + 1}/${options.repeat}`)
    // Alternate which side goes first, so that neither always follows the other.
    const order = k % 2 === 0 ? (['unhinted', 'hinted'] as const) : (['hinted', 'unhinted'] as const)
    for (const side of order) {
      const execution = check(await run(side === 'hinted' ? hintedOptions : unhintedOptions))
      times[side].push(execution.ms)
      if (side === 'hinted') lastHinted = execution
      else lastUnhinted = execution
    }
  }
  progress(`${label}: projecting`)
  const toy = toyBlockOf(reference, input.parsed.block.header.coinbase.bytes, beneficiaryReaders)
  const projected = PROJECTED_WORKERS.map((workers) => ({
    workers,
    unhinted: project(toy, workers),
    hinted: project(toy, workers, { hints: hintedOptions.hints ?? { startAfter: sameSenderChains(input) }, graph }),
  }))
  return {
    label: dir.split('/').pop()!,
    group,
    txs: txCount,
    edges,
    analysisMs,
    workers: options.workers,
    hintedWorkers: hintedOptions.workers ?? options.workers,
    unhinted: sideOf(times.unhinted, lastUnhinted!),
    hinted: sideOf(times.hinted, lastHinted!),
    projected,
    correct,
    trust: lastHinted!.stats.hintTrust,
  }
}


function sideOf(times: readonly number[], execution: BlockExecution): Side {
  const stats = execution.stats as Record<string, unknown>
  return {
    ms: median(times),
    reExecutions: Number(stats.reExecutions ?? 0),
    aborts: Number(stats.validationAborts ?? 0) + Number(stats.dependencyAborts ?? 0),
  }
}

function sameResult(a: BlockExecution, b: BlockExecution): boolean {
  return a.gasUsed === b.gasUsed && Buffer.from(a.receiptsRoot).equals(Buffer.from(b.receiptsRoot)) && a.outcomes.length === b.outcomes.length
}

export function formatHintedRows(rows: readonly HintedRow[], options: HintedBenchOptions): string {
  const pct = (after: number, before: number) => (before === 0 ? (after === 0 ? '0%' : '+∞') : `${after <= before ? '' : '+'}${(((after - before) / before) * 100).toFixed(0)}%`)
  const table = formatTable(
    ['block', 'group', 'txs', 'edges', 'analysis ms', 'W', 're-exec u→h', 'aborts u→h', 'ms u', 'ms h', 'Δ wall', ...PROJECTED_WORKERS.map((w) => `proj ${w}w Δ (re-exec u→h)`), 'trust', 'ok'],
    rows.map((row) => [
      row.label,
      row.group,
      row.txs,
      row.edges,
      row.analysisMs.toFixed(0),
      `${row.workers}→${row.hintedWorkers}`,
      `${row.unhinted.reExecutions}→${row.hinted.reExecutions}`,
      `${row.unhinted.aborts}→${row.hinted.aborts}`,
      row.unhinted.ms.toFixed(1),
      row.hinted.ms.toFixed(1),
      pct(row.hinted.ms, row.unhinted.ms),
      ...row.projected.map((p) => `${pct(p.hinted.makespanUs, p.unhinted.makespanUs)} (${p.unhinted.reExecutions}→${p.hinted.reExecutions})`),
      trustLabel(row.trust),
      row.correct ? 'yes' : 'NO',
    ]),
  )
  const lines = [table, '', `hints: ${options.spec}; measured at ${options.workers} workers (under whatever load the machine has), median of ${options.repeat} alternating runs, execution only; projections from the simulator.`]
  for (const group of [...new Set(rows.map((row) => row.group))]) lines.push(summaryLine(group, rows.filter((row) => row.group === group)))
  return lines.join('\n')
}

function summaryLine(group: string, rows: readonly HintedRow[]): string {
  const sum = (pick: (row: HintedRow) => number) => rows.reduce((total, row) => total + pick(row), 0)
  const reU = sum((row) => row.unhinted.reExecutions)
  const reH = sum((row) => row.hinted.reExecutions)
  const msU = sum((row) => row.unhinted.ms)
  const msH = sum((row) => row.hinted.ms)
  const projected = PROJECTED_WORKERS.map((workers, i) => {
    const u = sum((row) => row.projected[i]!.unhinted.makespanUs)
    const h = sum((row) => row.projected[i]!.hinted.makespanUs)
    const reu = sum((row) => row.projected[i]!.unhinted.reExecutions)
    const reh = sum((row) => row.projected[i]!.hinted.reExecutions)
    return `${workers}w time ${h >= u ? '+' : ''}${((h / u - 1) * 100).toFixed(0)}%, re-exec ${reu}→${reh}`
  })
  const change = (after: number, before: number) => (before === 0 ? 'n/a' : `${after >= before ? '+' : ''}${((after / before - 1) * 100).toFixed(1)}%`)
  return `  ${group} (${rows.length} blocks): re-executions ${reU}→${reH} (${change(reH, reU)}), wall time ${msU.toFixed(0)}→${msH.toFixed(0)} ms (${change(msH, msU)}); projected: ${projected.join('; ')}`
}

function trustLabel(trust: unknown): string {
  if (trust === undefined || trust === null) return ''
  const t = trust as { distrusted: string; startJudged: number; startUseful: number; premarkJudged: number; premarkHits: number }
  return `${t.distrusted === 'none' ? 'kept' : 'REVOKED'} s${t.startUseful}/${t.startJudged} e${t.premarkHits}/${t.premarkJudged}`
}

/** argv → options (shared by `pevm bench --hints` and `node dist/bench/hints/hintedBench.js`). */
export function hintedBenchOptions(spec: string, rest: { workers?: number; repeat?: number; dirs: readonly string[]; mechanisms?: string; families?: boolean; trust?: string }): HintedBenchOptions {
  if (!/^(none|static|accesslist|simulate|all|hints:.+|bal:.+)(,(static|accesslist|simulate|hints:.+|bal:.+))*$/.test(spec)) {
    throw usageError(`--hints: expected none, static, accesslist, hints:<file>, bal:<file>, simulate or all, got ${JSON.stringify(spec)}`)
  }
  const mechanisms = mechanismsOf(rest.mechanisms ?? 'start,estimates,workers')
  if (rest.trust !== undefined && rest.trust !== 'monitor' && rest.trust !== 'always') throw usageError(`--trust: expected monitor or always, got ${JSON.stringify(rest.trust)}`)
  return {
    spec,
    workers: rest.workers ?? 2,
    repeat: rest.repeat ?? 3,
    mechanisms,
    dirs: rest.dirs,
    families: rest.families ?? rest.dirs.length === 0,
    trust: rest.trust as 'monitor' | 'always' | undefined,
  }
}

function mechanismsOf(list: string): HintMechanisms {
  const names = list.split(',').map((name) => name.trim())
  for (const name of names) {
    if (!['start', 'estimates', 'workers'].includes(name)) throw usageError(`--mechanisms: unknown mechanism ${JSON.stringify(name)} (known: start, estimates, workers)`)
  }
  return { startAfter: names.includes('start'), estimates: names.includes('estimates'), workerCount: names.includes('workers') }
}
