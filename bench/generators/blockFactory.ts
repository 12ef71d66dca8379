/**
 * Building blocks for mocked blocks: deterministic keys, signed Cancun
 * transactions, and block directories whose header fields (gasUsed,
 * logsBloom, receiptsRoot) are filled in from the sequential reference, so
 * that `pevm run` checks them like a real block.
 */
import { rmSync } from 'node:fs'

import { type TypedTransaction, createFeeMarket1559Tx } from '@ethereumjs/tx'
import { privateToAddress } from '@ethereumjs/util'

import { blockInputFrom } from '../../executor/blockInput.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { parseRpcBlockShape } from '../../src/blockDirectory/loadBlockDirectory.js'
import { type PreStateAccountJson, rpcBlock, writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'
import { parsePreState } from '../../src/shared/preState.js'
import { commonForBlock } from '../../src/chain/chainCommon.js'

export const CANCUN_NUMBER = 19_500_000n
export const CANCUN_TIMESTAMP = 1_711_000_000n
export const BASE_FEE = 10n ** 9n
export const COINBASE = '0x' + 'c0'.repeat(20)
export const ETHER = 10n ** 18n

/** Cancun with the project's native crypto: signing blocks of 10,000 transactions recovers and hashes each of them twice. */
const common = commonForBlock({ number: CANCUN_NUMBER, timestamp: CANCUN_TIMESTAMP })

export interface Key {
  readonly privateKey: Uint8Array
  readonly address: string
}

/** The n-th deterministic test key (never a real account's). */
export function key(n: number): Key {
  const privateKey = new Uint8Array(32)
  privateKey[0] = 1
  new DataView(privateKey.buffer).setUint32(28, n + 1)
  return { privateKey, address: '0x' + Buffer.from(privateToAddress(privateKey)).toString('hex') }
}

export interface TxFields {
  readonly nonce: number | bigint
  readonly to?: string
  readonly value?: bigint
  readonly gasLimit?: bigint
  readonly data?: string
}

export function signedTx(from: Key, fields: TxFields): TypedTransaction {
  return createFeeMarket1559Tx(
    {
      nonce: fields.nonce,
      to: fields.to as `0x${string}` | undefined,
      value: fields.value ?? 0n,
      gasLimit: fields.gasLimit ?? 21_000n,
      maxFeePerGas: 2n * BASE_FEE,
      maxPriorityFeePerGas: 10n ** 8n,
      data: (fields.data ?? "0x") as `0x${string}`,
    },
    { common },
  ).sign(from.privateKey)
}

export function account(balance: bigint, extra: Partial<PreStateAccountJson> = {}): PreStateAccountJson {
  return { balance: '0x' + balance.toString(16), nonce: '0x0', storage: {}, ...extra }
}

export interface CancunHeaderFields {
  readonly gasLimit?: bigint
  readonly gasUsed?: bigint
  readonly logsBloom?: string
  readonly receiptsRoot?: string
}

/** Writes a Cancun block directory as given (header fields not filled in: see writeMockBlock). */
export function writeCancunDirectory(
  dir: string,
  txs: readonly TypedTransaction[],
  preState: Record<string, PreStateAccountJson>,
  fields: CancunHeaderFields = {},
  options: { gzip?: boolean } = {},
): Record<string, unknown> {
  const block = rpcBlock(
    {
      number: CANCUN_NUMBER,
      timestamp: CANCUN_TIMESTAMP,
      gasLimit: fields.gasLimit ?? 30_000_000n,
      gasUsed: fields.gasUsed ?? 0n,
      logsBloom: fields.logsBloom,
      receiptsRoot: fields.receiptsRoot,
      miner: COINBASE,
      baseFeePerGas: BASE_FEE,
      excessBlobGas: 0n,
      blobGasUsed: 0n,
      parentBeaconBlockRoot: '0x' + '11'.repeat(32),
      withdrawals: [],
    },
    txs,
  )
  writeBlockDirectory(dir, { block, preState }, options)
  return block
}

/**
 * Writes a Cancun block directory whose header's gasUsed, logsBloom and
 * receiptsRoot come from executing it with the sequential reference.
 */
export async function writeMockBlock(dir: string, txs: readonly TypedTransaction[], preState: Record<string, PreStateAccountJson>, gasLimit = 1_000_000_000n): Promise<void> {
  const draft = writeCancunDirectory(dir, txs, preState, { gasLimit })
  const execution = await executeSequential(
    blockInputFrom({ dir, block: parseRpcBlockShape(draft, dir), preState: parsePreState(preState, dir), blockHashes: new Map() }),
  )
  const invalid = execution.outcomes.find((outcome) => outcome.kind === 'invalid')
  if (invalid !== undefined && invalid.kind === 'invalid') throw new Error(`mock block ${dir}: transaction ${invalid.index} is invalid: ${invalid.error}`)
  const hex = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex')
  rmSync(dir, { recursive: true })
  writeCancunDirectory(dir, txs, preState, { gasLimit, gasUsed: execution.gasUsed, logsBloom: hex(execution.logsBloom), receiptsRoot: hex(execution.receiptsRoot) }, { gzip: true })
}
