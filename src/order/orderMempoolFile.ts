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
import { type OrderResult, order } from './order.js'
import { type OrderedBlock, buildOrderedBlock, writeOrderedBlock } from './orderedBlock.js'
import { gasLimitOf } from './selectTransactions.js'

export interface OrderFileOptions {
  readonly sources: readonly HintSource[]
  /** Default: header.json's gasLimit. */
  readonly gasLimit?: bigint
  /** Default: ordered-block/ beside the mempool file. */
  readonly out?: string
}

export interface OrderFileResult {
  readonly mempoolSize: number
  readonly result: OrderResult
  readonly built: OrderedBlock
  readonly out: string
}

export async function orderMempoolFile(file: string, options: OrderFileOptions): Promise<OrderFileResult> {
  if (existsSync(file) && statSync(file).isDirectory()) throw inputError(`${file} is a directory: pevm order takes a mempool .json file (with header.json and pre_state.json beside it)`)
  const input = loadAnalysisInput(file)
  if (input.executable === undefined) throw inputError(`${file}: pevm order needs header.json beside the mempool file (the block's header: number, gasLimit, baseFeePerGas, miner, …)`)
  const { block: headerWithTxs, file: headerFile, blockHashes } = input.executable
  const { transactions: raws, ...header } = headerWithTxs as Record<string, unknown> & { transactions: Record<string, unknown>[] }
  const gasLimit = options.gasLimit ?? gasLimitOf(header, headerFile)
  const baseFee = header.baseFeePerGas === undefined ? undefined : parseQuantity(header.baseFeePerGas, `${headerFile}: baseFeePerGas`)
  const result = await order({ txs: input.txs, raws, file }, input.preState, { gasLimit, baseFee, coinbase: input.coinbase, sources: options.sources })
  const dir = dirname(file)
  const out = options.out ?? join(dir, 'ordered-block')
  const built = await buildOrderedBlock(header, raws, result.order, { preState: input.preState, blockHashes, dir: out })
  writeOrderedBlock(out, built.block, { preState: findJsonFile(dir, 'pre_state.json')!, blockHashes: findJsonFile(dir, 'block_hashes.json') })
  return { mempoolSize: raws.length, result, built, out }
}
