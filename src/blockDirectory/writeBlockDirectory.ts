/**
 * Writes a block directory (block.json, pre_state.json, block_hashes.json)
 * from signed ethereumjs transactions, a header and a pre-state. Used by the
 * benchmark generators and by the property tests, whose shrunk failures are
 * printed as directories that `pevm run` reproduces.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

import type { TypedTransaction } from '@ethereumjs/tx'

export interface HeaderFields {
  readonly number: bigint
  readonly timestamp: bigint
  readonly gasLimit: bigint
  /** The header's gasUsed, logsBloom and receiptsRoot: known only after executing (pass the reference's). */
  readonly gasUsed: bigint
  readonly logsBloom?: string
  readonly receiptsRoot?: string
  readonly miner: string
  readonly baseFeePerGas?: bigint
  readonly excessBlobGas?: bigint
  readonly blobGasUsed?: bigint
  readonly parentBeaconBlockRoot?: string
  readonly difficulty?: bigint
  readonly mixHash?: string
  readonly withdrawals?: readonly { index: bigint; validatorIndex: bigint; address: string; amount: bigint }[]
}

export interface PreStateAccountJson {
  balance: string
  nonce: string
  code?: string
  storage: Record<string, string>
}

const ZERO_HASH = '0x' + '00'.repeat(32)
const hex = (value: bigint) => '0x' + value.toString(16)

export function rpcTransaction(tx: TypedTransaction, index: number, blockNumber: bigint): Record<string, unknown> {
  const json = tx.toJSON() as Record<string, unknown>
  const { gasLimit, data, ...rest } = json
  return {
    ...rest,
    type: json.type ?? '0x0',
    gas: gasLimit,
    input: data,
    hash: '0x' + Buffer.from(tx.hash()).toString('hex'),
    from: tx.getSenderAddress().toString(),
    transactionIndex: hex(BigInt(index)),
    blockNumber: hex(blockNumber),
  }
}

export function rpcBlock(header: HeaderFields, txs: readonly TypedTransaction[]): Record<string, unknown> {
  return {
    number: hex(header.number),
    hash: ZERO_HASH,
    parentHash: ZERO_HASH,
    sha3Uncles: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
    miner: header.miner,
    stateRoot: ZERO_HASH,
    transactionsRoot: ZERO_HASH,
    receiptsRoot: header.receiptsRoot ?? ZERO_HASH,
    logsBloom: header.logsBloom ?? '0x' + '00'.repeat(256),
    difficulty: hex(header.difficulty ?? 0n),
    gasLimit: hex(header.gasLimit),
    gasUsed: hex(header.gasUsed),
    timestamp: hex(header.timestamp),
    extraData: '0x',
    mixHash: header.mixHash ?? ZERO_HASH,
    nonce: '0x0000000000000000',
    ...(header.baseFeePerGas !== undefined ? { baseFeePerGas: hex(header.baseFeePerGas) } : {}),
    ...(header.withdrawals !== undefined
      ? {
          withdrawalsRoot: ZERO_HASH,
          withdrawals: header.withdrawals.map((w) => ({ index: hex(w.index), validatorIndex: hex(w.validatorIndex), address: w.address, amount: hex(w.amount) })),
        }
      : {}),
    ...(header.excessBlobGas !== undefined ? { excessBlobGas: hex(header.excessBlobGas), blobGasUsed: hex(header.blobGasUsed ?? 0n) } : {}),
    ...(header.parentBeaconBlockRoot !== undefined ? { parentBeaconBlockRoot: header.parentBeaconBlockRoot } : {}),
    uncles: [],
    transactions: txs.map((tx, index) => rpcTransaction(tx, index, header.number)),
  }
}

export interface BlockDirectoryContents {
  readonly block: Record<string, unknown>
  readonly preState: Record<string, PreStateAccountJson>
  readonly blockHashes?: Record<string, string>
}

export function writeBlockDirectory(dir: string, contents: BlockDirectoryContents, options: { gzip?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true })
  const write = (name: string, value: unknown) => {
    const text = JSON.stringify(value)
    if (options.gzip === true) writeFileSync(`${dir}/${name}.gz`, gzipSync(text))
    else writeFileSync(`${dir}/${name}`, text)
  }
  write('block.json', contents.block)
  write('pre_state.json', contents.preState)
  if (contents.blockHashes !== undefined) write('block_hashes.json', contents.blockHashes)
}
