/**
 * Small Cancun blocks made in tests: signed transactions from known keys,
 * a pre-state, written as a real block directory (so the loader, both engines
 * and the CLI all see exactly what a user would give them).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { type TypedTransaction, createFeeMarket1559Tx } from '@ethereumjs/tx'
import { privateToAddress } from '@ethereumjs/util'

import { type PreStateAccountJson, rpcBlock, writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'

export const CANCUN_NUMBER = 19_500_000n
export const CANCUN_TIMESTAMP = 1_711_000_000n
export const BLOCK_GAS_LIMIT = 30_000_000n
export const BASE_FEE = 10n ** 9n
export const COINBASE = '0x' + 'c0'.repeat(20)

export const cancunCommon = () => new Common({ chain: Mainnet, hardfork: Hardfork.Cancun })

export function key(seed: number): { privateKey: Uint8Array; address: string } {
  const privateKey = new Uint8Array(32)
  privateKey[31] = seed
  privateKey[0] = 1
  return { privateKey, address: '0x' + Buffer.from(privateToAddress(privateKey)).toString('hex') }
}

export function transfer(from: Uint8Array, fields: { nonce: number | bigint; to: string; value?: bigint; gasLimit?: bigint; data?: string }): TypedTransaction {
  return createFeeMarket1559Tx(
    {
      nonce: fields.nonce,
      to: fields.to,
      value: fields.value ?? 1n,
      gasLimit: fields.gasLimit ?? 21_000n,
      maxFeePerGas: 2n * BASE_FEE,
      maxPriorityFeePerGas: 10n ** 8n,
      data: fields.data ?? '0x',
    },
    { common: cancunCommon() },
  ).sign(from)
}

export function account(balance: bigint, extra: Partial<PreStateAccountJson> = {}): PreStateAccountJson {
  return { balance: '0x' + balance.toString(16), nonce: '0x0', storage: {}, ...extra }
}

/** Writes the block to a fresh temporary directory and returns its path. */
export function writeCancunBlock(txs: readonly TypedTransaction[], preState: Record<string, PreStateAccountJson>, header: { gasUsed?: bigint } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-block-'))
  const block = rpcBlock(
    {
      number: CANCUN_NUMBER,
      timestamp: CANCUN_TIMESTAMP,
      gasLimit: BLOCK_GAS_LIMIT,
      gasUsed: header.gasUsed ?? 0n,
      miner: COINBASE,
      baseFeePerGas: BASE_FEE,
      excessBlobGas: 0n,
      blobGasUsed: 0n,
      parentBeaconBlockRoot: '0x' + '11'.repeat(32),
      withdrawals: [],
    },
    txs,
  )
  writeBlockDirectory(dir, { block, preState })
  return dir
}
