/**
 * `npm run bench:report`: generates the mocked blocks (deterministic, into
 * bench/out/blocks/), runs the suite over them and the mainnet fixtures
 * (measurements on W workers, traces, ideal bounds, 1-worker calibration and
 * projections), measures memory on the largest blocks, CPU-profiles both
 * engines on the block furthest from its ideal bound, and writes
 * bench/report.md with its charts. Raw results go to bench/out/report.json.
 *
 *   node --expose-gc dist/bench/report/runReport.js [--size full|quick] [--workers 2] [--repeat 3]
 *        [--mainnet all|N] [--families a,b] [--seed 1] [--no-memory] [--no-profile] [--out bench/report.md]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'

import { loadBlockInput } from '../../executor/blockInput.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { projectRoot } from '../../src/shared/projectRoot.js'
import { FAMILIES, familyNamed, generateBlock } from '../generators/families.js'
import { endProgress, mainnetBlockDirs, progress } from '../mainnetFixtures.js'
import { type SuiteBlock, runSuite } from '../suite/benchSuite.js'
import { measureMemory, type MemoryFigure } from './memory.js'
import { furthestFromIdeal } from './headline.js'
import { profileEngine } from './profile.js'
import { type ReportInput, headlineTable, writeReport } from './writeReport.js'

export interface ReportOptions {
  readonly size: 'full' | 'quick'
  readonly workers: number
  readonly repeat: number
  readonly mainnet: number
  readonly families: readonly string[]
  readonly seed: number
  readonly memory: boolean
  readonly profile: boolean
  readonly out: string
}

const USAGE = 'usage: npm run bench:report -- [--size full|quick] [--workers N] [--repeat K] [--mainnet all|N] [--families a,b] [--seed S] [--no-memory] [--no-profile] [--out file.md]'

export function parseReportOptions(argv: readonly string[]): ReportOptions {
  const value = (flag: string) => {
    const at = argv.indexOf(flag)
    return at >= 0 ? argv[at + 1] : undefined
  }
  const whole = (flag: string, fallback: number, min = 1) => {
    const text = value(flag)
    const parsed = text === undefined ? fallback : Number(text)
    if (!Number.isInteger(parsed) || parsed < min) throw new OptionError(`${flag} takes a whole number ≥ ${min}\n${USAGE}`)
    return parsed
  }
  const size = value('--size') ?? 'full'
  if (size !== 'full' && size !== 'quick') throw new OptionError(`--size is full or quick\n${USAGE}`)
  const mainnetText = value('--mainnet') ?? 'all'
  const families = (value('--families') ?? FAMILIES.map((f) => f.name).join(',')).split(',').filter((name) => name.length > 0)
  for (const name of families) {
    if (!FAMILIES.some((family) => family.name === name)) throw new OptionError(`no block family '${name}' (families: ${FAMILIES.map((f) => f.name).join(', ')})`)
  }
  return {
    size,
    workers: whole('--workers', 2),
    repeat: whole('--repeat', 3),
    mainnet: mainnetText === 'all' ? Number.POSITIVE_INFINITY : whole('--mainnet', 0, 0),
    families,
    seed: whole('--seed', 1, 0),
    memory: !argv.includes('--no-memory'),
    profile: !argv.includes('--no-profile'),
    out: value('--out') ?? join(projectRoot(), 'bench', 'report.md'),
  }
}

export async function suiteBlocks(options: Pick<ReportOptions, 'families' | 'size' | 'seed' | 'mainnet'>): Promise<SuiteBlock[]> {
  const blocks: SuiteBlock[] = []
  for (const name of options.families) {
    const family = familyNamed(name)
    for (const txs of family.sizes[options.size]) {
      progress(`generating ${family.name} (${txs} transactions)`)
      const generated = await generateBlock(family, txs, options.seed)
      blocks.push({ label: `${family.name}-${txs}`, family: family.name, dir: generated.dir })
    }
  }
  const mainnetDirs = mainnetBlockDirs().slice(0, Math.min(options.mainnet, 1_000_000))
  for (const [i, dir] of mainnetDirs.entries()) {
    progress(`loading mainnet ${i + 1}/${mainnetDirs.length}`)
    if (loadBlockInput(dir).parsed.block.transactions.length === 0) continue
    blocks.push({ label: dir.split('/').pop()!, family: 'mainnet', dir })
  }
  return blocks
}

export async function runReport(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(`${USAGE}\nRuns the benchmark suite and writes bench/report.md (tables, SVG charts, projections, memory).`)
    return 0
  }
  const options = parseReportOptions(argv)
  const startedAt = new Date()
  const loadAtStart = loadavg()[0]!
  const blocks = await suiteBlocks(options)
  let memory: MemoryFigure[] = []
  let results
  try {
    results = await runSuite(blocks, { workers: options.workers, repeat: options.repeat, projections: true })
  } finally {
    await closeWorkerPool()
  }
  if (options.memory) {
    const largest = [...results].sort((a, b) => b.comparison.gas - a.comparison.gas)
    const pick = (mainnet: boolean, count: number) =>
      largest.filter((r) => (r.family === 'mainnet') === mainnet).slice(0, count).map((r) => blocks.find((block) => block.label === r.label)!)
    const picks = [...pick(false, 2), ...pick(true, 1)]
    memory = picks.flatMap((block, i) => {
      progress(`memory ${i + 1}/${picks.length}: ${block.label}`)
      return measureMemory(block.label, block.dir, { workers: options.workers, repeat: Math.min(options.repeat, 2) })
    })
  }
  let profile: ReportInput['profile']
  const worst = furthestFromIdeal(results, options.workers, 1)[0]
  const worstBlock = blocks.find((block) => block.label === worst?.label)
  if (options.profile && worstBlock !== undefined) {
    progress(`profiling both engines on ${worstBlock.label}`)
    profile = {
      label: worstBlock.label,
      runs: options.repeat,
      engines: (['sequential', 'parallel'] as const).map((engine) => profileEngine(engine, worstBlock.dir, { workers: options.workers, repeat: options.repeat })),
    }
  }
  endProgress()
  const minutes = (Date.now() - startedAt.getTime()) / 60_000
  const familyDescriptions = Object.fromEntries(FAMILIES.map((f) => [f.name, f.description]))
  const command = `npm run bench:report${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`
  writeReport(
    { results, memory, profile, loadAverage: { start: loadAtStart, end: loadavg()[0]! }, workers: options.workers, repeat: options.repeat, size: options.size, seed: options.seed, command, startedAt, minutes, familyDescriptions },
    options.out,
    join(dirname(options.out), 'report-charts'),
  )
  const raw = join(projectRoot(), 'bench', 'out', 'report.json')
  mkdirSync(dirname(raw), { recursive: true })
  writeFileSync(raw, JSON.stringify({ options, results, memory }, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 1))
  console.log(headlineTable(results, options.workers))
  console.log(`\n${options.out} written (${minutes.toFixed(1)} min); raw results in ${raw}`)
  return results.every((r) => r.comparison.correct) ? 0 : 1
}

/** Bad options: one line and exit 2; anything else is a bug and keeps its stack. */
export function usageFailure(error: unknown): number {
  if (!(error instanceof OptionError)) throw error
  console.error(error.message)
  return 2
}

class OptionError extends Error {
  override readonly name = 'OptionError' as const
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runReport(process.argv.slice(2)).catch(usageFailure)
}
