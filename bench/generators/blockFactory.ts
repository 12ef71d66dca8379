/**
 * Building blocks for mocked blocks: deterministic keys, signed Cancun
 * transactions, and block directories whose header fields (gasUsed,
 * logsBloom, receiptsRoot) are filled in from the sequential reference, so
 * that `pevm run` checks them like a real block.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { type TypedTransaction, createFeeMarket1559Tx } from '@ethereumjs/tx'
import { privateToAddress } from '@ethereumjs/util'

import { blockInputFrom } from '../../executor/blockInput.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { parseRpcBlockShape } from '../../src/blockDirectory/loadBlockDirectory.js'
import { type PreStateAccountJson, rpcBlock, writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'
import { parsePreState } from '../../src/shared/preState.js'

export const CANCUN_NUMBER = 19_500_000n
export const CANCUN_TIMESTAMP = 1_711_000_000n
export const BASE_FEE = 10n ** 9n
export const COINBASE = '0x' + 'c0'.repeat(20)
export const ETHER = 10n ** 18n

const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun })

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

/**
 * Writes a Cancun block directory. The header's gasUsed, logsBloom and
 * receiptsRoot come from executing it with the sequential reference.
 */
export async function writeMockBlock(dir: string, txs: readonly TypedTransaction[], preState: Record<string, PreStateAccountJson>, gasLimit = 1_000_000_000n): Promise<void> {
  const header = {
    number: CANCUN_NUMBER,
    timestamp: CANCUN_TIMESTAMP,
    gasLimit,
    gasUsed: 0n,
    miner: COINBASE,
    baseFeePerGas: BASE_FEE,
    excessBlobGas: 0n,
    blobGasUsed: 0n,
    parentBeaconBlockRoot: '0x' + '11'.repeat(32),
    withdrawals: [],
  }
  const draft = rpcBlock(header, txs)
  const execution = await executeSequential(
    blockInputFrom({ dir, block: parseRpcBlockShape(draft, dir), preState: parsePreState(preState, dir), blockHashes: new Map() }),
  )
  const invalid = execution.outcomes.find((outcome) => outcome.kind === 'invalid')
  if (invalid !== undefined && invalid.kind === 'invalid') throw new Error(`mock block ${dir}: transaction ${invalid.index} is invalid: ${invalid.error}`)
  const hex = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex')
  const block = rpcBlock({ ...header, gasUsed: execution.gasUsed, logsBloom: hex(execution.logsBloom), receiptsRoot: hex(execution.receiptsRoot) }, txs)
  writeBlockDirectory(dir, { block, preState }, { gzip: true })
}
