/**
 * Small Cancun blocks made in tests: signed transactions from known keys,
 * a pre-state, written as a real block directory (so the loader, both engines
 * and the CLI all see exactly what a user would give them). The mocked-block
 * factory of the benchmarks does the work.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { TypedTransaction } from '@ethereumjs/tx'

import { type Key, type TxFields, signedTx, writeCancunDirectory } from '../../bench/generators/blockFactory.js'
import type { PreStateAccountJson } from '../../src/blockDirectory/writeBlockDirectory.js'

export { COINBASE, account, key } from '../../bench/generators/blockFactory.js'

export const BLOCK_GAS_LIMIT = 30_000_000n

/** A value transfer (1 wei unless said otherwise) signed by `from`. */
export function transfer(from: Uint8Array, fields: TxFields & { to: string }): TypedTransaction {
  return signedTx({ privateKey: from } as Key, { value: 1n, ...fields })
}

/** Writes the block to a fresh temporary directory and returns its path. */
export function writeCancunBlock(txs: readonly TypedTransaction[], preState: Record<string, PreStateAccountJson>, header: { gasUsed?: bigint } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-block-'))
  writeCancunDirectory(dir, txs, preState, { gasLimit: BLOCK_GAS_LIMIT, gasUsed: header.gasUsed })
  return dir
}
