import { writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

import { SummaryCache } from '../../../analyzer/bytecode/summaryCache.js'
import type { DependencyGraph } from '../../../analyzer/graph/dependencyGraph.js'
import type { DependencyLateness } from '../../../analyzer/graph/dependencyLateness.js'
import { toDot } from '../../../analyzer/graph/toDot.js'
import { type AnalysisInput, loadAnalysisInput } from '../../../analyzer/input/analysisInput.js'
import { SOURCES_HELP, sourcesFromSpec } from '../../../analyzer/sources/sourceSpec.js'
import { type Analysis, analyze } from '../../analyze.js'
import { parseBlock } from '../../blockDirectory/parseBlock.js'
import { simulationSource } from '../../hints/simulationSource.js'
import { usageError } from '../../shared/errors.js'
import { LocationKind, describeLocation, kindOf } from '../../shared/locations.js'
import type { Command } from '../command.js'

const DEFAULT_SOURCES = 'static,accesslist'

export const analyzeCommand: Command = {
  spec: {
    name: 'analyze',
    summary: "predict each transaction's reads and writes and the dependency graph, before execution",
    usage: `pevm analyze <blockDir | mempool.json> [--sources ${DEFAULT_SOURCES},hints:<file>,bal:<file>,simulate] [--json] [--dot <file>]`,
    details: [
      'Input: a block directory (block.json, pre_state.json, optional block_hashes.json; each may be .gz),',
      'or a mempool file: a JSON array of transactions in RPC shape, each with "from", with',
      'pre_state.json (or .gz) beside it in the same directory and, optionally, header.json (an RPC',
      'block header) beside it too: its "miner" is the beneficiary whose fees are never predicted,',
      'and it lets --sources simulate execute the (then necessarily signed) transactions, with',
      'block_hashes.json beside it for BLOCKHASH if they need it.',
      '',
      `Sources (comma-separated, default ${DEFAULT_SOURCES}):`,
      SOURCES_HELP.replace(/^/gm, '  '),
      '',
      'Exits 0, or 2 on bad input (a one-line message naming the file and entry).',
    ].join('\n'),
    options: {
      sources: { kind: 'string', valueName: 'list', description: `hint sources to combine (default ${DEFAULT_SOURCES})` },
      json: { kind: 'flag', description: 'print one JSON object: predictions per transaction, edges, metrics' },
      dot: { kind: 'string', valueName: 'file', description: 'write the dependency graph as Graphviz DOT' },
      'lazy-balances': { kind: 'flag', description: 'leave balances out of dependencies (ETH credits as lazy increments)' },
      'cache-dir': { kind: 'string', valueName: 'dir', description: 'where bytecode summaries are kept between runs (default ~/.cache/pevm/summaries)' },
    },
  },
  async run(args) {
    if (args.positionals.length !== 1) throw usageError('pevm analyze takes exactly one block directory or mempool file (see pevm analyze --help)')
    const input = loadAnalysisInput(args.positionals[0]!)
    const summaries = new SummaryCache(args.strings.get('cache-dir') ?? join(homedir(), '.cache', 'pevm', 'summaries'))
    const sources = sourcesFromSpec(args.strings.get('sources') ?? DEFAULT_SOURCES, {
      summaries,
      simulation: input.executable === undefined ? undefined : () => simulationFor(input),
    })
    const lazyBalances = args.flags.has('lazy-balances')
    const analysis = await analyze(input.txs, input.preState, {
      sources,
      coinbase: input.coinbase,
      include: lazyBalances ? (key) => kindOf(key) !== LocationKind.Balance : undefined,
    })
    const dotFile = args.strings.get('dot')
    if (dotFile !== undefined) writeFileSync(dotFile, toDot(analysis.graph, input.label))
    console.log(args.flags.has('json') ? JSON.stringify(analysisJson(input, analysis)) : summary(input, analysis, summaries))
    return 0
  },
}

function simulationFor(input: AnalysisInput) {
  const { block, file, blockHashes } = input.executable!
  return simulationSource({ parsed: parseBlock(block, file), preState: input.preState, blockHashes })
}

function summary(input: AnalysisInput, analysis: Analysis, summaries: SummaryCache): string {
  const { metrics } = analysis
  const sources = analysis.sources.map((source) => `${source.source} ${round(source.ms)} ms`).join(', ')
  const byConfidence = countEdges(analysis.graph)
  const path = metrics.criticalPath
  const shownPath = path.length > 8 ? [...path.slice(0, 4), '…', ...path.slice(-3)] : path
  const bounds = Object.entries(metrics.speedupBound).map(([workers, bound]) => `${workers}: ${bound.toFixed(2)}×`)
  const stats = summaries.stats
  return [
    `${input.label}: ${metrics.transactions} transactions — ${sources}, graph ${round(analysis.graphMs)} ms`,
    `  dependencies  ${metrics.edges} edges (certain ${byConfidence.certain}, likely ${byConfidence.likely}, possible ${byConfidence.possible})`,
    `  structure     ${metrics.components} components, depth ${metrics.depth}, width ${metrics.width}`,
    `  critical path ${metrics.criticalPathGas} of ${metrics.totalGas} gas: ${shownPath.join(' → ')}`,
    `  speedup bound ${bounds.join(', ')}, unbounded ${metrics.unboundedSpeedup.toFixed(2)}×`,
    latenessLine(analysis.lateness),
    `  summaries     ${stats.computed} computed (${round(stats.computeMs)} ms), ${stats.diskHits} from the cache`,
  ].join('\n')
}

function latenessLine(lateness: DependencyLateness): string {
  const { workers, inBlockOrder, dependentsFirst } = lateness
  return `  lateness      ${(lateness.lateness * 100).toFixed(1)}% of the ${workers}-worker speedup lost to late dependencies (block order ${inBlockOrder.toFixed(2)}×, dependents first ${dependentsFirst.toFixed(2)}×)`
}

function countEdges(graph: DependencyGraph): Record<'certain' | 'likely' | 'possible', number> {
  const counts = { certain: 0, likely: 0, possible: 0 }
  graph.forEachEdge((_, edge) => counts[edge.confidence]++)
  return counts
}

function analysisJson(input: AnalysisInput, analysis: Analysis): unknown {
  const edges: unknown[] = []
  analysis.graph.forEachEdge((_, edge, source, target) => {
    edges.push({
      from: Number(source),
      to: Number(target),
      locations: edge.locations.map(describeLocation),
      coarse: edge.coarse.map(accountHex),
      declared: edge.declared,
      sources: edge.sources,
      confidence: edge.confidence,
    })
  })
  return {
    input: input.label,
    sources: analysis.sources.map((source) => ({ name: source.source, ms: round(source.ms) })),
    transactions: input.txs.map((tx, index) => ({
      index,
      gas: analysis.gas[index],
      predictions: analysis.sources.map(({ source, predictions }) => {
        const prediction = predictions[index]!
        return {
          source,
          confidence: prediction.confidence,
          reads: [...prediction.reads].map(describeLocation),
          writes: [...prediction.writes].map(describeLocation),
          coarse: prediction.coarse.map((coarse) => ({ contract: accountHex(coarse.account), access: coarse.access })),
          ...(prediction.dependsOn === undefined ? {} : { dependsOn: prediction.dependsOn }),
        }
      }),
    })),
    edges,
    metrics: analysis.metrics,
    lateness: analysis.lateness,
  }
}

function accountHex(account: string): string {
  return '0x' + Buffer.from(account, 'latin1').toString('hex')
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
