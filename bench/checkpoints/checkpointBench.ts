/**
 * `npm run bench:checkpoints`: read checkpoints (issue 11) off against on,
 * with the sequential reference as the denominator, on late-conflict blocks
 * (where a re-execution can resume just before its hot read), on a block
 * where nothing conflicts (what taking snapshots costs) and on mainnet
 * blocks. `--help` says what it runs and prints; README.md beside this file
 * explains each column.
 *
 *   node --expose-gc dist/bench/checkpoints/checkpointBench.js [blockDir…] [--workers 2] [--repeat 3] [--json] [--hints static]
 */
import { loadBlockInput } from '../../executor/blockInput.js'
import type { ParallelOptions } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { isPevmError } from '../../src/shared/errors.js'
import { familyNamed, generateBlock } from '../generators/families.js'
import { endProgress, mainnetBlockDirs, progress } from '../mainnetFixtures.js'
import { type CheckpointBenchOptions, USAGE, parseCheckpointBenchOptions } from './checkpointOptions.js'
import { formatCheckpointRows, formatGroupSummaries, summarizeGroups } from './checkpointReport.js'
import { type CheckpointRow, benchBlock } from './checkpointRuns.js'
import { staticHintsFor } from './staticHints.js'
import { collectGarbage } from '../collectGarbage.js'

/** The generated families of the default run, with the group each is summarised in. */
export const CHECKPOINT_FAMILIES = [
  { family: 'late-counter', group: 'late-conflict' },
  { family: 'late-counter-k8', group: 'late-conflict' },
  { family: 'late-router', group: 'late-conflict' },
  { family: 'no-conflict-heavy', group: 'no-conflict' },
] as const

interface Target {
  readonly dir: string
  readonly group: string
}

/** A given directory's group: its generated family's, 'mainnet' for the vendored fixtures, else 'given'. */
export function groupOf(dir: string): string {
  const name = dir.replace(/\/+$/, '').split('/').pop() ?? ''
  const known = CHECKPOINT_FAMILIES.find((entry) => name.startsWith(`${entry.family}-`) && /^\d+-s\d+$/.test(name.slice(entry.family.length + 1)))
  if (known !== undefined) return known.group
  return dir.includes('fixtures/mainnet') ? 'mainnet' : 'given'
}

async function targetsOf(options: CheckpointBenchOptions): Promise<Target[]> {
  if (options.dirs.length > 0) return options.dirs.map((dir) => ({ dir, group: groupOf(dir) }))
  const targets: Target[] = []
  for (const { family, group } of CHECKPOINT_FAMILIES) {
    progress(`generating ${family}`)
    const spec = familyNamed(family)
    targets.push({ dir: (await generateBlock(spec, spec.sizes[options.size][0]!, 1)).dir, group })
  }
  const newest = options.mainnet === 0 ? [] : mainnetBlockDirs().slice(-options.mainnet)
  for (const dir of newest) targets.push({ dir, group: 'mainnet' })
  return targets
}

export async function runCheckpointBench(options: CheckpointBenchOptions): Promise<CheckpointRow[]> {
  const targets = await targetsOf(options)
  const rows: CheckpointRow[] = []
  try {
    for (const [i, target] of targets.entries()) {
      const label = target.dir.replace(/\/+$/, '').split('/').pop()!
      const progressLabel = `${i + 1}/${targets.length} ${label}`
      // One block in memory at a time, after a full GC (as bench:par does): the reference runs on this thread.
      collectGarbage()
      progress(`${progressLabel}: loading`)
      const input = loadBlockInput(target.dir)
      if (input.parsed.block.transactions.length === 0) continue
      let parallel: ParallelOptions = { workers: options.workers }
      let hintEdges: number | undefined
      if (options.hints === 'static') {
        progress(`${progressLabel}: analysing`)
        const seeded = await staticHintsFor(target.dir, options.workers, options.mechanisms)
        parallel = { workers: seeded.workers ?? options.workers, senderChains: false, hints: seeded.hints }
        hintEdges = seeded.edges
      }
      const row = await benchBlock({ label, group: target.group, dir: target.dir, input }, parallel, options.repeat, progressLabel)
      rows.push(hintEdges === undefined ? row : { ...row, hintEdges })
    }
  } finally {
    await closeWorkerPool()
    endProgress()
  }
  return rows
}

function report(rows: readonly CheckpointRow[], options: CheckpointBenchOptions): string {
  const summaries = summarizeGroups(rows)
  if (options.json) return JSON.stringify({ options, rows, summaries }, null, 1)
  const lines = [
    formatCheckpointRows(rows),
    '',
    `${options.workers} workers, hints ${options.hints}${options.hints === 'static' ? ` (${describeMechanisms(options)})` : ''}, median of ${options.repeat} alternating runs per block, execution only; measured under whatever load the machine has.`,
    formatGroupSummaries(summaries),
  ]
  if (rows.some((row) => row.on.checkpoints === undefined || row.on.reExecutionMs === undefined)) {
    lines.push('', 'n/a: this engine reports no stats.checkpoints / stats.reExecutionMs (read checkpoints not built in yet?): "on" ran what the engine does with checkpoints: true.')
  }
  return lines.join('\n')
}

function describeMechanisms(options: CheckpointBenchOptions): string {
  const { startAfter, estimates, workerCount } = options.mechanisms
  return [startAfter && 'start', estimates && 'estimates', workerCount && 'workers'].filter(Boolean).join(',')
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE)
    return 0
  }
  const options = parseCheckpointBenchOptions(argv)
  const rows = await runCheckpointBench(options)
  console.log(report(rows, options))
  return rows.every((row) => row.correct) ? 0 : 1
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
    if (!isPevmError(error)) throw error
    console.error(`bench:checkpoints: ${error.message}`)
    return 2
  })
}
