/**
 * What `pevm analyze` reads: a block directory, or a mempool file.
 *
 *   <blockDir>/              block.json(.gz) + pre_state.json(.gz) [+ block_hashes.json(.gz)]
 *   <dir>/<mempool>.json     a JSON array of transactions in RPC shape, each with "from"
 *   <dir>/pre_state.json     (or .gz) beside it: the state the transactions run against
 *   <dir>/header.json        optional, beside it: an RPC block header (eth_getBlockByNumber
 *                            without transactions); gives the beneficiary and lets
 *                            `simulate` execute the transactions (they must be signed)
 *   <dir>/block_hashes.json  optional, beside it: { "<number>": "0xhash" } for BLOCKHASH
 */
import { statSync } from 'node:fs'
import { basename, dirname } from 'node:path'

import { type RpcBlock, loadBlockDirectory } from '../../src/blockDirectory/loadBlockDirectory.js'
import { findJsonFile, readJsonFile } from '../../src/blockDirectory/readJsonFile.js'
import { inputError } from '../../src/shared/errors.js'
import { type PreState, isObject, parseHexBytes, parsePreState, parseQuantity } from '../../src/shared/preState.js'
import type { AnalyzedTx } from '../transaction.js'
import { transactionsFromRpc } from '../transactionsFromRpc.js'

export interface ExecutableBlock {
  /** Header fields plus the full transactions, as `parseBlock` takes them. */
  readonly block: RpcBlock
  readonly file: string
  readonly blockHashes: ReadonlyMap<bigint, Uint8Array>
}

export interface AnalysisInput {
  /** "block 17034869" or the mempool file's name. */
  readonly label: string
  readonly txs: AnalyzedTx[]
  readonly preState: PreState
  readonly coinbase: Uint8Array | undefined
  /** Present when the transactions can be executed (a block, or a mempool with header.json). */
  readonly executable: ExecutableBlock | undefined
}

export function loadAnalysisInput(path: string): AnalysisInput {
  let isDirectory: boolean
  try {
    isDirectory = statSync(path).isDirectory()
  } catch {
    throw inputError(`${path} does not exist (expected a block directory or a mempool .json file)`)
  }
  return isDirectory ? blockInput(path) : mempoolInput(path)
}

function blockInput(dir: string): AnalysisInput {
  const directory = loadBlockDirectory(dir)
  const file = `${dir}/block.json`
  return {
    label: `block ${Number(directory.block.number)}`,
    txs: transactionsFromRpc(directory.block.transactions, file),
    preState: directory.preState,
    coinbase: parseHexBytes(directory.block.miner, `${file}: miner`, 20),
    executable: { block: directory.block, file, blockHashes: directory.blockHashes },
  }
}

function mempoolInput(file: string): AnalysisInput {
  const dir = dirname(file)
  const preStateFile = findJsonFile(dir, 'pre_state.json')
  if (preStateFile === undefined) throw inputError(`${file}: a mempool file needs pre_state.json (or .gz) beside it in ${dir}`)
  const json = readJsonFile(file)
  const txs = transactionsFromRpc(json, file)
  const headerFile = findJsonFile(dir, 'header.json')
  let coinbase: Uint8Array | undefined
  let executable: ExecutableBlock | undefined
  if (headerFile !== undefined) {
    const header = readJsonFile(headerFile)
    if (!isObject(header)) throw inputError(`${headerFile}: expected a block header object`)
    if (header.miner !== undefined) coinbase = parseHexBytes(header.miner, `${headerFile}: miner`, 20)
    const hashesFile = findJsonFile(dir, 'block_hashes.json')
    const blockHashes = hashesFile === undefined ? new Map() : parseBlockHashes(readJsonFile(hashesFile), hashesFile)
    executable = { block: { ...header, transactions: json as Record<string, unknown>[] }, file: headerFile, blockHashes }
  }
  return { label: basename(file), txs, preState: parsePreState(readJsonFile(preStateFile), preStateFile), coinbase, executable }
}

/** block_hashes.json as in a block directory (loadBlockDirectory keeps its parser private). */
function parseBlockHashes(json: unknown, file: string): Map<bigint, Uint8Array> {
  if (!isObject(json)) throw inputError(`${file}: expected an object of block number → hash`)
  return new Map(Object.entries(json).map(([number, hash]) => [parseQuantity(number, `${file}: key ${number}`), parseHexBytes(hash, `${file}[${number}]`, 32)]))
}
