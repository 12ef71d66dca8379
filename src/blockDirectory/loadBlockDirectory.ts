/**
 * A block directory — the project's input format, exactly the shape of the
 * mainnet fixtures:
 *
 *   <dir>/block.json          eth_getBlockByNumber(n, true): header + full transactions
 *   <dir>/pre_state.json      every account the block touches, before the block
 *   <dir>/block_hashes.json   optional: { "<decimal number>": "0xhash" } for BLOCKHASH
 *
 * Each file may also be gzip-compressed (`block.json.gz`, …).
 */
import { existsSync, statSync } from 'node:fs'

import { inputError } from '../shared/errors.js'
import { type PreState, isObject, parseHexBytes, parsePreState, parseQuantity } from '../shared/preState.js'
import { findJsonFile, readJsonFile } from './readJsonFile.js'

export type RpcBlock = Record<string, unknown> & { transactions: Record<string, unknown>[] }

export interface BlockDirectory {
  readonly dir: string
  readonly block: RpcBlock
  readonly preState: PreState
  /** Block number → hash, for BLOCKHASH. Empty when the directory has no block_hashes.json. */
  readonly blockHashes: ReadonlyMap<bigint, Uint8Array>
}

export function loadBlockDirectory(dir: string): BlockDirectory {
  if (!existsSync(dir)) throw inputError(`block directory ${dir} does not exist`)
  if (!statSync(dir).isDirectory()) throw inputError(`${dir} is not a directory (expected a block directory)`)
  const blockFile = requireFile(dir, 'block.json')
  const preStateFile = requireFile(dir, 'pre_state.json')
  const hashesFile = findJsonFile(dir, 'block_hashes.json')
  return {
    dir,
    block: parseRpcBlockShape(readJsonFile(blockFile), blockFile),
    preState: parsePreState(readJsonFile(preStateFile), preStateFile),
    blockHashes: hashesFile === undefined ? new Map() : parseBlockHashes(readJsonFile(hashesFile), hashesFile),
  }
}

function requireFile(dir: string, name: string): string {
  const file = findJsonFile(dir, name)
  if (file === undefined) throw inputError(`${dir} has no ${name} (nor ${name}.gz): not a block directory`)
  return file
}

const REQUIRED_HEADER_FIELDS = ['number', 'timestamp', 'gasLimit', 'gasUsed', 'miner', 'parentHash', 'logsBloom', 'receiptsRoot']

export function parseRpcBlockShape(json: unknown, file: string): RpcBlock {
  if (!isObject(json)) throw inputError(`${file}: expected a block object`)
  for (const field of REQUIRED_HEADER_FIELDS) {
    if (json[field] === undefined) throw inputError(`${file}: the block has no "${field}"`)
  }
  const transactions = json.transactions
  if (!Array.isArray(transactions)) throw inputError(`${file}: "transactions" must be an array of transaction objects`)
  transactions.forEach((tx, index) => {
    if (!isObject(tx)) {
      throw inputError(`${file}: transactions[${index}] is not an object (block.json needs full transactions, not hashes)`)
    }
  })
  return json as RpcBlock
}

function parseBlockHashes(json: unknown, file: string): Map<bigint, Uint8Array> {
  if (!isObject(json)) throw inputError(`${file}: expected an object of block number → hash`)
  const hashes = new Map<bigint, Uint8Array>()
  for (const [number, hash] of Object.entries(json)) {
    hashes.set(parseQuantity(number, `${file}: key ${number}`), parseHexBytes(hash, `${file}[${number}]`, 32))
  }
  return hashes
}
