import { homedir } from 'node:os'
import { basename, join } from 'node:path'

import { SummaryCache } from '../../../analyzer/bytecode/summaryCache.js'
import { sourcesFromSpec } from '../../../analyzer/sources/sourceSpec.js'
import type { OrderResult } from '../../order/order.js'
import { orderMempoolFile } from '../../order/orderMempoolFile.js'
import type { OrderMetrics } from '../../order/orderMetrics.js'
import type { OrderedBlock } from '../../order/orderedBlock.js'
import { usageError } from '../../shared/errors.js'
import type { Command } from '../command.js'

const DEFAULT_SOURCES = 'static,accesslist'

export const orderCommand: Command = {
  spec: {
    name: 'order',
    summary: 'build a block from a mempool: fee priority, nonce order and gas limit, ordered for parallel execution',
    usage: `pevm order <mempool.json> [--out <dir>] [--gas-limit N] [--sources ${DEFAULT_SOURCES}] [--json]`,
    details: [
      'Input: a JSON array of signed transactions in RPC shape (each with "from"), with pre_state.json',
      'and header.json (an RPC block header: number, timestamp, gasLimit, baseFeePerGas, miner, …)',
      'beside it, and block_hashes.json if the transactions need BLOCKHASH.',
      '',
      'Chooses transactions as a builder would (per sender a run of consecutive nonces it can pay for,',
      'fee cap ≥ base fee, greedily by tip under the gas limit), then reorders them for parallel',
      'execution: transactions many others depend on first, predicted dependencies and nonce order',
      'kept. Prints the critical path, ideal speedup and projected 8-worker speedup of the fee-priority',
      'order and of the new one, and the fee revenue given up. Writes the block (header fields from',
      'executing it sequentially) to --out (default: ordered-block/ beside the mempool), for pevm run.',
      '',
      'Sources: static, facts, bytecode, accesslist (per-index hints files and BALs do not survive a',
      'reordering). Exits 0, or 2 on bad input.',
    ].join('\n'),
    options: {
      out: { kind: 'string', valueName: 'dir', description: 'where to write the block directory' },
      'gas-limit': { kind: 'string', valueName: 'N', description: "the block's gas limit, for selection and in its header (default: header.json's gasLimit)" },
      sources: { kind: 'string', valueName: 'list', description: `hint sources for the dependency graph (default ${DEFAULT_SOURCES})` },
      json: { kind: 'flag', description: 'print one JSON object' },
      'cache-dir': { kind: 'string', valueName: 'dir', description: 'where bytecode summaries are kept between runs (default ~/.cache/pevm/summaries)' },
    },
  },
  async run(args) {
    if (args.positionals.length !== 1) throw usageError('pevm order takes exactly one mempool file (see pevm order --help)')
    const file = args.positionals[0]!
    const spec = args.strings.get('sources') ?? DEFAULT_SOURCES
    if (/(^|,)(hints:|bal:|simulate)/.test(spec)) throw usageError('pevm order: --sources takes static, facts, bytecode and accesslist (index-based hints and pre-simulation do not survive a reordering)')
    const sources = sourcesFromSpec(spec, { summaries: new SummaryCache(args.strings.get('cache-dir') ?? join(homedir(), '.cache', 'pevm', 'summaries')) })
    const gasLimitText = args.strings.get('gas-limit')
    if (gasLimitText !== undefined && !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(gasLimitText)) throw usageError(`--gas-limit: expected a whole number, got ${JSON.stringify(gasLimitText)}`)
    const { mempoolSize, result, built, builtMetrics, out } = await orderMempoolFile(file, { sources, gasLimit: gasLimitText === undefined ? undefined : BigInt(gasLimitText), out: args.strings.get('out') })
    console.log(args.flags.has('json') ? JSON.stringify(orderJson(result, built, out), (_, v) => (typeof v === 'bigint' ? v.toString() : v)) : summary(basename(file), mempoolSize, result, built, builtMetrics, out))
    return 0
  },
}

function summary(label: string, mempoolSize: number, result: OrderResult, built: OrderedBlock, builtMetrics: OrderMetrics, out: string): string {
  const line = (name: string, m: OrderMetrics) =>
    `  ${name.padEnd(14)} critical path ${m.criticalPathGas} of ${m.totalGas} gas, ideal speedup ${m.idealSpeedup.toFixed(2)}×, projected 8 workers ${m.projectedSpeedup.toFixed(2)}×`
  const reasons = new Map<string, number>()
  for (const { reason } of result.left) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  return [
    `${label}: ${result.order.length} of ${mempoolSize} transactions chosen${result.left.length === 0 ? '' : ` (left out: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')})`}`,
    line('fee order', result.before),
    line(result.reordered ? 'parallel order' : 'kept', result.after),
    `  fee revenue    ${result.after.feeRevenue} wei expected; given up by reordering: ${result.feeRevenueGivenUp} wei`,
    `  block          ${out}: ${built.order.length} transactions, ${built.execution.gasUsed} gas${built.moved.length > 0 ? `, ${built.moved.length} moved after failing in place` : ''}${built.dropped.length > 0 ? `, ${built.dropped.length} dropped as invalid` : ''}`,
    ...(builtMetrics === result.after ? [] : [line('as built', builtMetrics)]),
  ].join('\n')
}

function orderJson(result: OrderResult, built: OrderedBlock, out: string): unknown {
  return { ...result, block: { dir: out, order: built.order, moved: built.moved, dropped: built.dropped, gasUsed: built.execution.gasUsed } }
}
