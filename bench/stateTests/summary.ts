/**
 * The run's summary: the reference against the tests' expectations, the
 * parallel engine against the reference (single and packed blocks), every
 * miss with its category and detail, every skip with its reason — as JSON
 * and as the text `npm run test:state` prints.
 */
import type { PackResult } from './packedBlocks.js'
import { formatSeconds } from './progressBar.js'
import type { CaseResult } from './runCase.js'

export interface Skipped {
  readonly name: string
  readonly reason: string
}

/** What a run was and how big: shared by the run's record and its summary. */
interface RunHeader {
  readonly fork: string
  readonly processes: number
  readonly timeoutSeconds: number
  readonly durationSeconds: number
  readonly files: number
  readonly tests: number
  readonly cases: number
}

export interface RunRecord extends RunHeader {
  readonly filter: string | undefined
  readonly caseResults: readonly CaseResult[]
  /** Cases whose sequential phase did not finish (timeout, crash). */
  readonly skippedCases: readonly Skipped[]
  readonly packResults: readonly PackResult[]
  readonly skippedPacks: readonly Skipped[]
  /** Cases left out of packed blocks, by reason. */
  readonly notPacked: Readonly<Record<string, number>>
  readonly packsEnabled: boolean
  readonly parallelEnabled: boolean
}

export interface Summary extends RunHeader {
  readonly filter: string | null
  readonly sequential: {
    readonly passed: number
    readonly failed: number
    readonly skipped: number
    readonly passRate: number
    readonly failedByCategory: Record<string, number>
    /** Of the failures, how many stock ethereumjs passes (our bugs) and fails (ethereumjs's). */
    readonly failedWhereStockPasses: number
    readonly skippedByReason: Record<string, number>
  }
  readonly parallelSingle: {
    readonly equal: number
    readonly differs: number
    readonly notRun: Record<string, number>
    readonly fallbacksByReason: Record<string, number>
  }
  readonly packed: {
    readonly enabled: boolean
    readonly blocks: number
    readonly equal: number
    readonly differs: number
    /** Blocks the runner failed on. */
    readonly errors: number
    readonly skippedByReason: Record<string, number>
    readonly transactions: number
    readonly executed: number
    readonly invalid: number
    readonly casesNotPacked: Record<string, number>
    readonly fallbacksByReason: Record<string, number>
  }
  readonly failures: readonly {
    name: string
    category: string
    detail: string
    stock: string | null
    stockDetail: string | null
    parallel: string
    savedTo: string | null
  }[]
  readonly skipped: readonly Skipped[]
  readonly parallelDifferences: readonly { name: string; detail: string; savedTo: string | null }[]
  readonly packDifferences: readonly { name: string; detail: string; savedTo: string | null }[]
  readonly skippedPacks: readonly Skipped[]
  /** Every case whose phases took over a second together, slowest first. */
  readonly slowCases: readonly { name: string; sequentialMs: number; parallelMs: number }[]
}

export function summarize(record: RunRecord): Summary {
  const results = record.caseResults
  const failed = results.filter((result) => result.verdict === 'failed')
  const passed = results.length - failed.length
  const notRun: Record<string, number> = {}
  if (record.skippedCases.length > 0) notRun['sequential phase did not finish'] = record.skippedCases.length
  for (const result of results) {
    if (result.parallel === 'timeout') count(notRun, `timeout (${record.timeoutSeconds} s) in the parallel phase`)
    if (result.parallel === 'not-run') count(notRun, 'parallel engine off')
  }
  const packs = record.packResults
  return {
    fork: record.fork,
    filter: record.filter ?? null,
    processes: record.processes,
    timeoutSeconds: record.timeoutSeconds,
    durationSeconds: Math.round(record.durationSeconds),
    files: record.files,
    tests: record.tests,
    cases: record.cases,
    sequential: {
      passed,
      failed: failed.length,
      skipped: record.skippedCases.length,
      passRate: record.cases === 0 ? 1 : passed / record.cases,
      failedByCategory: tally(failed.map((result) => result.category ?? 'unknown')),
      failedWhereStockPasses: failed.filter((result) => result.stock === 'passes').length,
      skippedByReason: tally(record.skippedCases.map((skip) => skip.reason)),
    },
    parallelSingle: {
      equal: results.filter((result) => result.parallel === 'equal').length,
      differs: results.filter((result) => result.parallel === 'differs').length,
      notRun,
      fallbacksByReason: tally(results.flatMap((result) => (result.fallbackReason !== undefined ? [result.fallbackReason] : []))),
    },
    packed: {
      enabled: record.packsEnabled,
      blocks: packs.length + record.skippedPacks.length,
      equal: packs.filter((pack) => pack.verdict === 'equal').length,
      differs: packs.filter((pack) => pack.verdict === 'differs').length,
      errors: packs.filter((pack) => pack.verdict === 'error').length,
      skippedByReason: tally(record.skippedPacks.map((skip) => skip.reason)),
      transactions: sum(packs.map((pack) => pack.txs)),
      executed: sum(packs.map((pack) => pack.executed)),
      invalid: sum(packs.map((pack) => pack.invalid)),
      casesNotPacked: { ...record.notPacked },
      fallbacksByReason: tally(packs.flatMap((pack) => (pack.fallbackReason !== undefined ? [pack.fallbackReason] : []))),
    },
    failures: failed.map((result) => ({
      name: result.name,
      category: result.category ?? 'unknown',
      detail: result.detail ?? '',
      stock: result.stock ?? null,
      stockDetail: result.stockDetail ?? null,
      parallel: result.parallel,
      savedTo: result.savedTo ?? null,
    })),
    skipped: record.skippedCases,
    parallelDifferences: results
      .filter((result) => result.parallel === 'differs')
      .map((result) => ({ name: result.name, detail: result.parallelDetail ?? '', savedTo: result.savedTo ?? null })),
    packDifferences: packs
      .filter((pack) => pack.verdict !== 'equal')
      .map((pack) => ({ name: pack.name, detail: pack.detail ?? '', savedTo: pack.savedTo ?? null })),
    skippedPacks: record.skippedPacks,
    slowCases: results
      .filter((result) => result.ms.sequential + result.ms.parallel > 1000)
      .sort((a, b) => b.ms.sequential + b.ms.parallel - (a.ms.sequential + a.ms.parallel))
      .map((result) => ({ name: result.name, sequentialMs: Math.round(result.ms.sequential), parallelMs: Math.round(result.ms.parallel) })),
  }
}

/** Whether the run found nothing wrong (skips are reported, not failures). */
export function isClean(summary: Summary): boolean {
  return summary.sequential.failed === 0 && summary.parallelSingle.differs === 0 && summary.packed.differs === 0 && summary.packed.errors === 0
}

export function summaryText(summary: Summary): string {
  const n = (value: number) => value.toLocaleString('en-US')
  const s = summary.sequential
  const finished = s.passed + s.failed
  const lines = [
    `GeneralStateTests, fork ${summary.fork}${summary.filter !== null ? `, filter ${summary.filter}` : ''}: ${n(summary.cases)} cases ` +
      `(${n(summary.tests)} tests in ${n(summary.files)} files); ${summary.processes} processes, timeout ${summary.timeoutSeconds} s per phase; ` +
      formatSeconds(summary.durationSeconds),
    '',
    'Sequential reference vs expected (state root, logs hash, exception):',
    `  passed   ${n(s.passed)} / ${n(summary.cases)} (${percent(s.passed, summary.cases)}; ${percent(s.passed, finished)} of the ${n(finished)} that finished)`,
    `  failed   ${n(s.failed)}${entries(s.failedByCategory)}${s.failed > 0 ? `; stock ethereumjs passes ${n(s.failedWhereStockPasses)} of them` : ''}`,
    `  skipped  ${n(s.skipped)}${entries(s.skippedByReason)}`,
    '',
    'Parallel engine vs sequential reference:',
    `  single-transaction blocks  ${n(summary.parallelSingle.equal)} equal, ${n(summary.parallelSingle.differs)} differ` +
      `${notRunText(summary.parallelSingle.notRun)}; fallbacks ${n(sum(Object.values(summary.parallelSingle.fallbacksByReason)))}${entries(summary.parallelSingle.fallbacksByReason)}`,
  ]
  const p = summary.packed
  if (p.enabled) {
    lines.push(
      `  packed blocks              ${n(p.equal)} equal, ${n(p.differs)} differ, ${n(p.errors)} runner errors, ` +
        `${n(p.blocks - p.equal - p.differs - p.errors)} skipped${entries(p.skippedByReason)}; ` +
        `${n(p.transactions)} transactions (${n(p.executed)} executed, ${n(p.invalid)} invalid); fallbacks ${n(sum(Object.values(p.fallbacksByReason)))}${entries(p.fallbacksByReason)}`,
      `  cases not packed           ${n(sum(Object.values(p.casesNotPacked)))}${entries(p.casesNotPacked)}`,
    )
  } else {
    lines.push('  packed blocks              off')
  }
  if (summary.failures.length > 0) {
    lines.push('', 'Failed (sequential reference vs expected):')
    for (const failure of summary.failures) {
      lines.push(`  ${failure.name}: ${failure.category}: ${failure.detail}`)
      if (failure.stock !== null) lines.push(`    stock ethereumjs ${failure.stock}: ${failure.stockDetail ?? ''}`)
      if (failure.savedTo !== null) lines.push(`    saved to ${failure.savedTo}`)
    }
  }
  if (summary.skipped.length > 0) {
    lines.push('', 'Skipped:')
    for (const skip of summary.skipped) lines.push(`  ${skip.name}: ${skip.reason}`)
  }
  if (summary.parallelDifferences.length > 0) {
    lines.push('', 'Parallel ≠ sequential (single-transaction blocks):')
    for (const difference of summary.parallelDifferences) lines.push(`  ${difference.name}: ${difference.detail}${savedText(difference.savedTo)}`)
  }
  if (summary.packDifferences.length > 0) {
    lines.push('', 'Parallel ≠ sequential, or a runner error (packed blocks):')
    for (const difference of summary.packDifferences) lines.push(`  ${difference.name}: ${difference.detail}${savedText(difference.savedTo)}`)
  }
  if (summary.skippedPacks.length > 0) {
    lines.push('', 'Packed blocks skipped:')
    for (const skip of summary.skippedPacks) lines.push(`  ${skip.name}: ${skip.reason}`)
  }
  return lines.join('\n')
}

function savedText(dir: string | null): string {
  return dir === null ? '' : `\n    saved to ${dir}`
}

function notRunText(notRun: Record<string, number>): string {
  const total = sum(Object.values(notRun))
  return total === 0 ? '' : `, ${total.toLocaleString('en-US')} not run${entries(notRun)}`
}

function entries(counts: Record<string, number>): string {
  const list = Object.entries(counts).sort(([, a], [, b]) => b - a)
  if (list.length === 0) return ''
  return ` (${list.map(([reason, value]) => `${reason}: ${value.toLocaleString('en-US')}`).join('; ')})`
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)}%`
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) count(counts, value)
  return counts
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
