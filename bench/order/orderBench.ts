/**
 * `npm run bench:order`: every mainnet fixture block's transactions as a
 * shuffled mempool, through `order` (all of them chosen: the gas limit is
 * set to the sum of their gas limits, so that the comparison is about the
 * order alone; the built block's header carries that gas limit), against
 * the order the block was mined in. The built block's own order (after repairs) is the one measured. Per block: the
 * projected 8-worker speedup (block-order list schedule over the predicted
 * graph) of the mined order, the fee-priority order and the parallel order;
 * whether the built block is valid (every transaction executed, none
 * dropped). Sources: static + accesslist.
 *
 *   node dist/bench/order/orderBench.js [--json] [blockDir…]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { loadAnalysisInput } from '../../analyzer/input/analysisInput.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import { analyze } from '../../src/analyze.js'
import { loadBlockDirectory } from '../../src/blockDirectory/loadBlockDirectory.js'
import { tipPerGas } from '../../src/order/feePriority.js'
import { orderMempoolFile } from '../../src/order/orderMempoolFile.js'
import { type OrderMetrics, orderMetrics } from '../../src/order/orderMetrics.js'
import { parseQuantity } from '../../src/shared/preState.js'
import { endProgress, mainnetBlockDirs, progress } from '../mainnetFixtures.js'
import { formatTable } from '../table.js'
import { writeMempoolFromBlock } from './mempoolFromBlock.js'

export interface OrderRow {
  readonly block: string
  readonly txs: number
  readonly mined: OrderMetrics
  readonly feeOrder: OrderMetrics
  readonly ordered: OrderMetrics
  readonly reordered: boolean
  readonly valid: boolean
  readonly moved: number
  readonly dropped: number
  /** Transactions of the mined block in the built one (all, unless selection or repair left some out). */
  readonly included: number
  readonly atLeastMined: boolean
}

export async function orderBench(dirs: readonly string[]): Promise<OrderRow[]> {
  const summaries = new SummaryCache(join(homedir(), '.cache', 'pevm', 'summaries'))
  const sources = sourcesFromSpec('static,accesslist', { summaries })
  const rows: OrderRow[] = []
  for (const [i, dir] of dirs.entries()) {
    const { block } = loadBlockDirectory(dir)
    const raws = block.transactions as unknown as Record<string, unknown>[]
    if (raws.length === 0) continue
    progress(`order ${i + 1}/${dirs.length} ${dir.split('/').pop()}`)
    const baseFee = block.baseFeePerGas === undefined ? undefined : parseQuantity(block.baseFeePerGas, 'baseFeePerGas')
    const input = loadAnalysisInput(dir)
    const minedAnalysis = await analyze(input.txs, input.preState, { sources, coinbase: input.coinbase })
    const mined = orderMetrics(minedAnalysis, raws.map((raw, k) => tipPerGas(raw, baseFee, `tx ${k}`)))
    const work = mkdtempSync(join(tmpdir(), 'pevm-order-'))
    try {
      const mempool = writeMempoolFromBlock(dir, work, i + 1)
      const gasLimit = input.txs.reduce((sum, tx) => sum + tx.gasLimit, 0n)
      const { result, built, builtMetrics } = await orderMempoolFile(mempool, { sources, gasLimit, out: join(work, 'block') })
      // Valid: every transaction of the built block executes (repair moves failing ones to the end, drops what still fails).
      const valid = built.execution.outcomes.every((o) => o.kind === 'executed')
      rows.push({
        block: dir.split('/').pop()!,
        txs: raws.length,
        mined,
        feeOrder: result.before,
        ordered: builtMetrics,
        reordered: result.reordered,
        valid,
        moved: built.moved.length,
        dropped: built.dropped.length,
        included: built.order.length,
        atLeastMined: builtMetrics.projectedSpeedup >= mined.projectedSpeedup - 1e-9,
      })
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
  endProgress()
  return rows
}

export function formatOrderRows(rows: readonly OrderRow[]): string {
  const x = (value: number) => `${value.toFixed(2)}×`
  const table = formatTable(
    ['block', 'txs', 'included', 'mined 8w', 'fee order 8w', 'ordered 8w', 'ideal mined→ordered', 'reordered', 'valid', 'moved', 'dropped', '≥ mined'],
    rows.map((r) => [r.block, r.txs, r.included, x(r.mined.projectedSpeedup), x(r.feeOrder.projectedSpeedup), x(r.ordered.projectedSpeedup), `${x(r.mined.idealSpeedup)}→${x(r.ordered.idealSpeedup)}`, r.reordered ? 'yes' : 'no', r.valid ? 'yes' : 'NO', r.moved, r.dropped, r.atLeastMined ? 'yes' : 'NO']),
  )
  const below = rows.filter((r) => !r.atLeastMined)
  return [
    table,
    '',
    `projected 8-worker speedup (block-order list schedule over the static+accesslist graph): ordered ≥ mined on ${rows.length - below.length}/${rows.length} blocks; valid blocks ${rows.filter((r) => r.valid).length}/${rows.length}; every mined transaction included in ${rows.filter((r) => r.included === r.txs).length}/${rows.length}`,
    ...below.map((r) => `  below the mined order: ${r.block} ${x(r.ordered.projectedSpeedup)} < ${x(r.mined.projectedSpeedup)}`),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const dirs = args.filter((arg) => !arg.startsWith('--'))
  const rows = await orderBench(dirs.length > 0 ? dirs : mainnetBlockDirs())
  console.log(args.includes('--json') ? JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 1) : formatOrderRows(rows))
  process.exitCode = rows.every((r) => r.valid && r.atLeastMined) ? 0 : 1
}
