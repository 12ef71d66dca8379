/**
 * Header fields that make a generated block fall in a given hardfork (the
 * engines pick the fork from number and timestamp, as a syncing node does).
 */
import type { Fork, TxType } from './blockModel.js'

export interface ForkHeader {
  readonly number: bigint
  readonly timestamp: bigint
  /** Absent before London. */
  readonly baseFeePerGas: bigint | undefined
  /** Proof of work before the Merge (block rewards are paid at the block's end). */
  readonly difficulty: bigint
  readonly withdrawals: boolean
  readonly cancun: boolean
}

export const GWEI = 10n ** 9n
export const BASE_FEE = GWEI
/** Before London there is no base fee: legacy gas prices start here. */
export const PRE_LONDON_GAS_PRICE = GWEI

const HEADERS: Record<Fork, ForkHeader> = {
  berlin: { number: 12_300_000n, timestamp: 1_618_500_000n, baseFeePerGas: undefined, difficulty: 7_000_000_000_000_000n, withdrawals: false, cancun: false },
  london: { number: 13_000_000n, timestamp: 1_628_500_000n, baseFeePerGas: BASE_FEE, difficulty: 8_000_000_000_000_000n, withdrawals: false, cancun: false },
  shanghai: { number: 17_100_000n, timestamp: 1_682_000_000n, baseFeePerGas: BASE_FEE, difficulty: 0n, withdrawals: true, cancun: false },
  cancun: { number: 19_500_000n, timestamp: 1_711_000_000n, baseFeePerGas: BASE_FEE, difficulty: 0n, withdrawals: true, cancun: true },
}

export function forkHeader(fork: Fork): ForkHeader {
  return HEADERS[fork]
}

export function txTypesOf(fork: Fork): readonly TxType[] {
  if (fork === 'berlin') return ['legacy', 'accessList']
  return fork === 'cancun' ? ['legacy', 'accessList', 'feeMarket', 'blob'] : ['legacy', 'accessList', 'feeMarket']
}
