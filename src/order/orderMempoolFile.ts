/**
 * `pevm order`'s whole job on a mempool file: load it (with header.json and
 * pre_state.json beside it), order it, build and seal the block, write it.
 * Shared by the command and the order benchmark.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { loadAnalysisInput } from '../../analyzer/input/analysisInput.js'
import type { HintSource } from '../../analyzer/prediction.js'
import { findJsonFile } from '../blockDirectory/readJsonFile.js'
import { inputError } from '../shared/errors.js'
import { parseQuantity } from '../shared/preState.js'
import { type OrderResult, metricsOfOrder, order } from './order.js'
import type { OrderMetrics } from './orderMetrics.js'
import { type OrderedBlock, buildOrderedBlock, writeOrderedBlock } from './orderedBlock.js'
import { gasLimitOf } from './selectTransactions.js'

export interface OrderFileOptions {
  readonly sources: readonly HintSource[]
  /** The block's gas limit, for selection and in its header. Default: header.json's gasLimit. */
  readonly gasLimit?: bigint
  /** Default: ordered-block/ beside the mempool file. */
  readonly out?: string
}

export interface OrderFileResult {
  readonly mempoolSize: number
  readonly result: OrderResult
  readonly built: OrderedBlock
  /** The built block's own metrics: `result.after` unless repairs moved or dropped transactions. */
  readonly builtMetrics: OrderMetrics
  readonly out: string
}

export async function orderMempoolFile(file: string, options: OrderFileOptions): Promise<OrderFileResult> {
  if (existsSync(file) && statSync(file).isDirectory()) throw inputError(`${file} is a directory: pevm order takes a mempool .json file (with header.json and pre_state.json beside it)`)
  const input = loadAnalysisInput(file)
  if (input.executable === undefined) throw inputError(`${file}: pevm order needs header.json beside the mempool file (the block's header: number, gasLimit, baseFeePerGas, miner, …)`)
  const { block: headerWithTxs, file: headerFile, blockHashes } = input.executable
  const { transactions: raws, ...headerJson } = headerWithTxs as Record<string, unknown> & { transactions: Record<string, unknown>[] }
  const gasLimit = options.gasLimit ?? gasLimitOf(headerJson, headerFile)
  const header: Record<string, unknown> = { ...headerJson, gasLimit: '0x' + gasLimit.toString(16) }
  const baseFee = header.baseFeePerGas === undefined ? undefined : parseQuantity(header.baseFeePerGas, `${headerFile}: baseFeePerGas`)
  const mempool = { txs: input.txs, raws, file }
  const orderOptions = { gasLimit, baseFee, coinbase: input.coinbase, sources: options.sources }
  const result = await order(mempool, input.preState, orderOptions)
  const dir = dirname(file)
  const out = options.out ?? join(dir, 'ordered-block')
  const built = await buildOrderedBlock(header, raws, result.order, { preState: input.preState, blockHashes, dir: out })
  writeOrderedBlock(out, built.block, { preState: findJsonFile(dir, 'pre_state.json')!, blockHashes: findJsonFile(dir, 'block_hashes.json') })
  const repaired = built.order.length !== result.order.length || built.order.some((index, i) => index !== result.order[i])
  const builtMetrics = repaired ? await metricsOfOrder(mempool, input.preState, orderOptions, built.order) : result.after
  return { mempoolSize: raws.length, result, built, builtMetrics, out }
}
