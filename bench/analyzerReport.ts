/**
 * Accuracy and speed of the analyzer over the mainnet fixture blocks.
 *
 *   npx tsx bench/analyzerReport.ts [--blocks 12244000,17034869] [--cache-dir DIR]
 *
 * Ground truth: the sequential reference executes each block recording every
 * transaction's reads and writes. The beneficiary's fee locations are
 * dropped from both sides (see analyzer/feeLocations.ts). An actual
 * dependency is (i, j) with i the nearest earlier writer of a location j
 * read; the predicted graph is built by the same rule from the predictions.
 *
 * Sources are run once per block and evaluated alone and combined. `bal` is
 * fed a block access list synthesised from the recorded writes (values are
 * placeholders; the source uses only which transaction changed what), so it
 * shows what a real EIP-7928 list would give, not an independent check.
 *
 * Writes a markdown report to stdout and bench/out/analyzer-report.md.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { addTransaction, emptyLocationAccuracy, KIND_NAMES, type AccessSets, type LocationAccuracy, mergeLocationAccuracy } from '../analyzer/accuracy/locationAccuracy.js'
import { compareDependencies, type DependencyCounts, emptyDependencyCounts, mergeDependencyCounts } from '../analyzer/accuracy/dependencyAccuracy.js'
import { SummaryCache } from '../analyzer/bytecode/summaryCache.js'
import { feeFilter, withoutFees } from '../analyzer/feeLocations.js'
import { buildDependencyGraph } from '../analyzer/graph/dependencyGraph.js'
import { graphMetrics } from '../analyzer/graph/graphMetrics.js'
import { type LocationFilter, mergeAccesses } from '../analyzer/graph/mergedAccesses.js'
import type { SourcePredictions, TxPrediction } from '../analyzer/prediction.js'
import { accessListSource } from '../analyzer/sources/accessListSource.js'
import { balSource } from '../analyzer/sources/balSource.js'
import { bytecodeSource } from '../analyzer/sources/bytecodeSource.js'
import { factsSource } from '../analyzer/sources/factsSource.js'
import { transactionsFromRpc } from '../analyzer/transactionsFromRpc.js'
import { blockInputFrom } from '../executor/blockInput.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { analyze } from '../src/analyze.js'
import { loadBlockDirectory } from '../src/blockDirectory/loadBlockDirectory.js'
import { simulationSource } from '../src/hints/simulationSource.js'
import { type LocationKey, LocationKind, addressOf, kindOf, slotOf } from '../src/shared/locations.js'
import { geomean } from '../src/shared/stats.js'

const FIXTURES = 'fixtures/mainnet'
const OUT = 'bench/out'
/** Synthesised block access lists, one per block (not kept: derived from the run). */
const BAL_DIR = join(tmpdir(), 'pevm-analyzer-report-bal')
/** "Post-2020": block 10,000,000 and later (the first such fixture, 10,760,440, is from August 2020). */
const POST_2020 = 10_000_000n

/** Source combinations reported, by the source names they merge. */
const COMBINATIONS: readonly { label: string; sources: readonly string[] }[] = [
  { label: 'facts', sources: ['facts'] },
  { label: 'bytecode', sources: ['bytecode'] },
  { label: 'static (facts + bytecode)', sources: ['facts', 'bytecode'] },
  { label: 'accesslist', sources: ['accesslist'] },
  { label: 'static + accesslist', sources: ['facts', 'bytecode', 'accesslist'] },
  { label: 'bal (synthesised)', sources: ['bal'] },
  { label: 'static + bal', sources: ['facts', 'bytecode', 'bal'] },
  { label: 'simulate', sources: ['simulate'] },
  { label: 'static + simulate', sources: ['facts', 'bytecode', 'simulate'] },
  { label: 'static + accesslist + simulate', sources: ['facts', 'bytecode', 'accesslist', 'simulate'] },
]

const VARIANTS: readonly { label: string; include: LocationFilter }[] = [
  { label: 'all locations', include: () => true },
  { label: 'without balances (ETH credits lazy)', include: (key) => kindOf(key) !== LocationKind.Balance },
]

interface Tally {
  dependencies: DependencyCounts[]
  /** Same, counting only edges with confidence certain or likely. */
  confident: DependencyCounts[]
  locations: LocationAccuracy
}

interface Totals {
  perCombination: Map<string, Tally>
  blocks: number
  txs: number
  sequentialMs: number
  staticMs: number
  simulateMs: number
  summaryMs: number
  predictedBound: number[]
  actualBound: number[]
}

function newTotals(): Totals {
  const perCombination = new Map<string, Tally>()
  for (const { label } of COMBINATIONS) {
    perCombination.set(label, {
      dependencies: VARIANTS.map(emptyDependencyCounts),
      confident: VARIANTS.map(emptyDependencyCounts),
      locations: emptyLocationAccuracy(),
    })
  }
  return { perCombination, blocks: 0, txs: 0, sequentialMs: 0, staticMs: 0, simulateMs: 0, summaryMs: 0, predictedBound: [], actualBound: [] }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const only = option(args, '--blocks')?.split(',').map(Number)
  const cacheDir = option(args, '--cache-dir') ?? join(tmpdir(), 'pevm-summary-cache')
  mkdirSync(BAL_DIR, { recursive: true })
  const summaries = new SummaryCache(cacheDir)
  const post = newTotals()
  const all = newTotals()
  const numbers = readdirSync(FIXTURES).map(Number).filter((n) => only === undefined || only.includes(n)).sort((a, b) => a - b)
  for (const number of numbers) {
    const block = await measureBlock(number, summaries)
    for (const totals of BigInt(number) >= POST_2020 ? [post, all] : [all]) addBlock(totals, block)
    process.stderr.write(`block ${number}: ${block.txs} txs, static ${block.staticMs.toFixed(1)} ms, sequential ${block.sequentialMs.toFixed(1)} ms\n`)
  }
  const report = renderReport(post, all, summaries)
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, 'analyzer-report.md'), report)
  console.log(report)
}

interface BlockMeasurement {
  txs: number
  sequentialMs: number
  staticMs: number
  simulateMs: number
  summaryMs: number
  perCombination: Map<string, { dependencies: DependencyCounts[]; confident: DependencyCounts[]; locations: LocationAccuracy }>
  predictedBound: number
  actualBound: number
}

async function measureBlock(number: number, summaries: SummaryCache): Promise<BlockMeasurement> {
  const directory = loadBlockDirectory(join(FIXTURES, String(number)))
  const input = blockInputFrom(directory)
  const txs = transactionsFromRpc(directory.block.transactions, `${directory.dir}/block.json`)
  const coinbase = input.parsed.block.header.coinbase.bytes

  const recorded = await executeSequential(input, { recordAccesses: true })
  await executeSequential(input)
  const sequentialMs = (await executeSequential(input)).ms
  const actual: AccessSets[] = recorded.accesses!.map((access, i) => {
    const filter = feeFilter(coinbase, txs[i]!.from, txs[i]!.to)
    return { reads: withoutFees(access.reads, filter), writes: withoutFees(access.writes, filter) }
  })
  const actualGas = recorded.outcomes.map((outcome) => (outcome.kind === 'executed' ? Number(outcome.gasUsed) : 0))
  const balFile = join(BAL_DIR, `${number}.json`)
  writeFileSync(balFile, JSON.stringify(synthesiseBal(actual)))

  const summaryMsBefore = summaries.stats.computeMs
  await analyze(txs, directory.preState, { sources: [factsSource, bytecodeSource(summaries)], coinbase })
  const summaryMs = summaries.stats.computeMs - summaryMsBefore
  const warm = await analyze(txs, directory.preState, { sources: [factsSource, bytecodeSource(summaries)], coinbase })
  const staticMs = warm.sources.reduce((sum, source) => sum + source.ms, 0) + warm.graphMs
  const full = await analyze(txs, directory.preState, {
    sources: [factsSource, bytecodeSource(summaries), accessListSource, balSource(balFile), simulationSource(input)],
    coinbase,
  })
  const byName = new Map(full.sources.map((source) => [source.source.split(':')[0]!, source]))

  const perCombination = new Map<string, { dependencies: DependencyCounts[]; confident: DependencyCounts[]; locations: LocationAccuracy }>()
  const actualSource: SourcePredictions = { source: 'actual', ms: 0, predictions: actual.map((sets) => ({ ...sets, coarse: [], confidence: 'certain' })) }
  for (const combination of COMBINATIONS) {
    const chosen = combination.sources.map((name) => byName.get(name)!)
    const dependencies = VARIANTS.map(({ include }) => {
      const actualGraph = buildDependencyGraph(mergeAccesses(txs.length, [actualSource], include), actualGas)
      const predicted = buildDependencyGraph(mergeAccesses(txs.length, chosen, include), full.gas)
      const confidentOnly = buildDependencyGraph(mergeAccesses(txs.length, chosen.map(withoutCoarse), include), full.gas)
      return { all: compareDependencies(predicted, actualGraph, actual), confident: compareDependencies(confidentOnly, actualGraph, actual) }
    })
    const locations = emptyLocationAccuracy()
    actual.forEach((sets, i) => addTransaction(locations, union(chosen.map((source) => source.predictions[i]!)), sets))
    perCombination.set(combination.label, { dependencies: dependencies.map((d) => d.all), confident: dependencies.map((d) => d.confident), locations })
  }
  const actualGraph = buildDependencyGraph(mergeAccesses(txs.length, [actualSource], VARIANTS[0]!.include), actualGas)
  return {
    txs: txs.length,
    sequentialMs,
    staticMs,
    simulateMs: byName.get('simulate')!.ms,
    summaryMs,
    perCombination,
    predictedBound: warm.metrics.unboundedSpeedup,
    actualBound: graphMetrics(actualGraph).unboundedSpeedup,
  }
}

function addBlock(totals: Totals, block: BlockMeasurement): void {
  totals.blocks++
  totals.txs += block.txs
  totals.sequentialMs += block.sequentialMs
  totals.staticMs += block.staticMs
  totals.simulateMs += block.simulateMs
  totals.summaryMs += block.summaryMs
  if (block.txs > 0) {
    totals.predictedBound.push(block.predictedBound)
    totals.actualBound.push(block.actualBound)
  }
  for (const [label, measured] of block.perCombination) {
    const tally = totals.perCombination.get(label)!
    measured.dependencies.forEach((counts, v) => mergeDependencyCounts(tally.dependencies[v]!, counts))
    measured.confident.forEach((counts, v) => mergeDependencyCounts(tally.confident[v]!, counts))
    mergeLocationAccuracy(tally.locations, measured.locations)
  }
}

function withoutCoarse(source: SourcePredictions): SourcePredictions {
  return { ...source, predictions: source.predictions.map((prediction) => ({ ...prediction, coarse: [] })) }
}

function union(predictions: readonly TxPrediction[]): { reads: Set<LocationKey>; writes: Set<LocationKey>; coarse: TxPrediction['coarse'] } {
  const reads = new Set<LocationKey>()
  const writes = new Set<LocationKey>()
  for (const prediction of predictions) {
    for (const key of prediction.reads) reads.add(key)
    for (const key of prediction.writes) writes.add(key)
  }
  return { reads, writes, coarse: predictions.flatMap((prediction) => prediction.coarse) }
}

/** An EIP-7928-shaped list of which transaction changed what (placeholder values). */
function synthesiseBal(actual: readonly AccessSets[]): unknown[] {
  interface Entry {
    address: string
    storageChanges: Map<string, { index: number; value: string }[]>
    balanceChanges: { index: number; value: string }[]
    nonceChanges: { index: number; value: string }[]
    codeChanges: { index: number; code: string }[]
  }
  const accounts = new Map<string, Entry>()
  actual.forEach((sets, i) => {
    for (const key of sets.writes) {
      const address = hex(addressOf(key))
      let entry = accounts.get(address)
      if (entry === undefined) accounts.set(address, (entry = { address, storageChanges: new Map(), balanceChanges: [], nonceChanges: [], codeChanges: [] }))
      const change = { index: i + 1, value: '0x0' }
      const kind = kindOf(key)
      if (kind === LocationKind.Storage) {
        const slot = hex(slotOf(key))
        entry.storageChanges.set(slot, [...(entry.storageChanges.get(slot) ?? []), change])
      } else if (kind === LocationKind.Balance) entry.balanceChanges.push(change)
      else if (kind === LocationKind.Nonce) entry.nonceChanges.push(change)
      else entry.codeChanges.push({ index: i + 1, code: '0x' })
    }
  })
  return [...accounts.values()].map((entry) => ({
    ...entry,
    storageChanges: [...entry.storageChanges].map(([key, changes]) => ({ key, changes })),
    storageReads: [],
  }))
}

function hex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes).toString('hex')
}

function renderReport(post: Totals, all: Totals, summaries: SummaryCache): string {
  const lines: string[] = ['# Analyzer accuracy and speed', '']
  lines.push(`Post-2020 = the ${post.blocks} fixture blocks numbered ≥ 10,000,000 (${post.txs} transactions); all = ${all.blocks} blocks (${all.txs} transactions).`)
  lines.push('Fee payments to the beneficiary are excluded from predicted and actual sets. An actual dependency (i, j): i is the nearest earlier transaction that wrote a location j read.')
  lines.push('Recall (direct): share of actual dependencies the graph has as an edge i → j (exact, coarse or declared). Recall (path): the graph orders i before j through some path.')
  lines.push('Precision: share of predicted edges that are actual dependencies. Conflict precision: share of predicted edges i → j where i actually wrote something j actually read (nearest or not).')
  lines.push('"Confident" columns drop coarse (possible) predictions. Storage recall: recall over the dependencies that involve at least one storage slot.')
  for (const [v, variant] of VARIANTS.entries()) {
    for (const [scope, totals] of [['post-2020', post], ['all blocks', all]] as const) {
      lines.push('', `## Dependencies, ${variant.label}, ${scope}`, '')
      lines.push('| sources | actual deps | edges | recall (direct) | recall (path) | precision | conflict precision | storage recall | confident recall | confident precision |')
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
      for (const { label } of COMBINATIONS) {
        const tally = totals.perCombination.get(label)!
        const d = tally.dependencies[v]!
        const c = tally.confident[v]!
        lines.push(`| ${label} | ${d.actual} | ${d.predicted} | ${pct(d.recalledDirect, d.actual)} | ${pct(d.recalledPath, d.actual)} | ${pct(d.correct, d.predicted)} | ${pct(d.conflicts, d.predicted)} | ${pct(d.storageRecalled, d.storageActual)} (${d.storageActual}) | ${pct(c.recalledDirect, c.actual)} | ${pct(c.correct, c.predicted)} |`)
      }
    }
  }
  for (const [scope, totals] of [['post-2020', post], ['all blocks', all]] as const) {
    lines.push('', `## Locations per transaction, ${scope} (precision / recall; storage: + share of missed slots inside a coarse prediction)`, '')
    lines.push(`| sources | ${KIND_NAMES.map((kind) => `${kind} reads | ${kind} writes`).join(' | ')} |`)
    lines.push(`|---|${KIND_NAMES.map(() => '---:|---:').join('|')}|`)
    for (const { label } of COMBINATIONS) {
      const { locations } = totals.perCombination.get(label)!
      const cells = KIND_NAMES.flatMap((kind) => [cell(locations.reads[kind], kind), cell(locations.writes[kind], kind)])
      lines.push(`| ${label} | ${cells.join(' | ')} |`)
    }
  }
  lines.push('', '## Speed', '')
  for (const [scope, totals] of [['post-2020', post], ['all blocks', all]] as const) {
    lines.push(`- ${scope}: static analysis (facts + bytecode + graph, summaries cached) ${totals.staticMs.toFixed(0)} ms against ${totals.sequentialMs.toFixed(0)} ms of sequential execution (sender recovery included) = **${pct(totals.staticMs, totals.sequentialMs)}** of execution time; pre-simulation ${totals.simulateMs.toFixed(0)} ms (${(totals.simulateMs / totals.sequentialMs).toFixed(1)}× execution); summaries computed in this run: ${totals.summaryMs.toFixed(0)} ms.`)
    lines.push(`- ${scope}: ideal speedup bound (total gas / critical path, W = ∞), geometric mean over blocks: predicted graph (static, gas limits) ${geomean(totals.predictedBound).toFixed(2)}, actual dependencies (gas used) ${geomean(totals.actualBound).toFixed(2)}.`)
  }
  const s = summaries.stats
  lines.push(`- summary cache: ${s.computed} computed (${s.computeMs.toFixed(0)} ms, ${(s.computeMs / Math.max(1, s.computed)).toFixed(1)} ms each), ${s.diskHits} from disk, ${s.memoryHits} memory hits.`)
  return lines.join('\n') + '\n'
}

function cell(counts: { predicted: number; actual: number; hit: number; coarseCovered: number }, kind: string): string {
  const base = `${pct(counts.hit, counts.predicted)} / ${pct(counts.hit, counts.actual)}`
  return kind === 'storage' && counts.coarseCovered > 0 ? `${base} (+${pct(counts.coarseCovered, counts.actual)})` : base
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`
}

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name)
  return at < 0 ? undefined : args[at + 1]
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
