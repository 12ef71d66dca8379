/**
 * Weighted generators of whole blocks: a few EOAs with rich, modest, poor or
 * empty balances (so transfers form chains and some transactions cannot
 * pay), the contract library's initial state, and 2–12 transactions from
 * the same few senders — nonce chains, invalid transactions (bad nonce,
 * insufficient balance, fee cap under the base fee, intrinsic gas, gas over
 * the block limit) and out-of-gas among them.
 */
import fc from 'fast-check'

import { MAX_EOAS } from './accounts.js'
import { ETH, MIXED, type ActionWeights, actionArbitrary, party } from './actionArbitrary.js'
import type { BlockModel, Fork, TxModel, TxType } from './blockModel.js'
import { GWEI } from './forks.js'
import { weighted } from './weighted.js'

export interface BlockShape {
  readonly forks?: readonly Fork[]
  readonly minTxs?: number
  readonly maxTxs?: number
  readonly weights?: ActionWeights
  /** Fewest EOAs (2 by default; more senders, fewer nonce conflicts). */
  readonly minEoas?: number
  /** Sometimes a block gas limit that transactions exceed (default true). */
  readonly tightGasLimits?: boolean
}

export const BLOCK_GAS_LIMIT = 30_000_000n

const balance = weighted(
  { weight: 8, arbitrary: fc.constantFrom(10n * ETH, 100n * ETH) },
  { weight: 2, arbitrary: fc.bigInt({ min: ETH / 100n, max: ETH / 10n }) }, // a few dozen transactions' worth
  { weight: 1, arbitrary: fc.constant(21_000n * 5n * GWEI) }, // one plain transfer at the highest fee cap generated
  { weight: 1, arbitrary: fc.constant(0n) }, // can only send once someone paid it
)

const tokenHolding = weighted({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.bigInt({ min: 1_000n, max: 100_000n }) })

const eoa = fc.record({
  balance,
  nonce: weighted({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  hasCode: weighted({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
})

/** Senders: EOA 0 and 1 most often (long same-sender runs; EOA 0 may be the beneficiary). */
const sender = weighted({ weight: 3, arbitrary: fc.constantFrom(0, 1) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: MAX_EOAS - 1 }) })

const tip = fc.constantFrom(0n, 1n, GWEI / 10n, GWEI, 3n * GWEI)

const gas = weighted<TxModel['gas']>(
  { weight: 24, arbitrary: fc.constant({ kind: 'ample' as const }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 60_000 }).map((extra) => ({ kind: 'tight' as const, extra })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'belowIntrinsic' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'overBlock' as const }) },
)

const nonce = weighted(
  { weight: 30, arbitrary: fc.constant('next' as const) },
  { weight: 1, arbitrary: fc.constant('tooHigh' as const) },
  { weight: 1, arbitrary: fc.constant('tooLow' as const) },
)

const accessList = weighted<TxModel['accessList']>(
  { weight: 6, arbitrary: fc.constant([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({ contract: fc.constantFrom('counter' as const, 'tokenA' as const, 'pair' as const, 'cashier' as const), slots: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) }),
      { minLength: 1, maxLength: 2 },
    ),
  },
)

/** Fee-market transactions mostly (before London the builder signs them as legacy ones). */
const txType: fc.Arbitrary<TxType> = weighted(
  { weight: 6, arbitrary: fc.constant<TxType>('feeMarket') },
  { weight: 2, arbitrary: fc.constant<TxType>('legacy') },
  { weight: 2, arbitrary: fc.constant<TxType>('accessList') },
  { weight: 1, arbitrary: fc.constant<TxType>('blob') },
)

function txArbitrary(weights: ActionWeights): fc.Arbitrary<TxModel> {
  return fc.record({
    sender,
    nonce,
    type: txType,
    gas,
    tip,
    feeCapBelowBaseFee: weighted({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    accessList,
    action: actionArbitrary(weights),
  })
}

/**
 * No `chain`: every field is generated independently (the fork only decides
 * how the builder signs and which header fields it writes), so fast-check
 * shrinks each field on its own.
 */
export function blockArbitrary(shape: BlockShape = {}): fc.Arbitrary<BlockModel> {
  const weights = shape.weights ?? MIXED
  return fc.record({
    fork: fc.constantFrom(...(shape.forks ?? ['cancun'])),
    eoas: fc.array(eoa, { minLength: shape.minEoas ?? 2, maxLength: MAX_EOAS - 1 }),
    coinbase: weighted(
      { weight: 4, arbitrary: fc.constant('fresh' as const) },
      { weight: 2, arbitrary: fc.constant('eoa' as const) },
      { weight: 1, arbitrary: fc.constant('cashier' as const) },
    ),
    counts: fc.array(fc.bigInt({ min: 0n, max: 5n }), { minLength: 4, maxLength: 4 }),
    proxyOnV2: fc.boolean(),
    tokenBalances: fc.array(
      fc.record({ a: tokenHolding, b: tokenHolding }),
      { minLength: MAX_EOAS, maxLength: MAX_EOAS },
    ),
    routerAllowed: fc.array(weighted({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: MAX_EOAS, maxLength: MAX_EOAS }),
    reserves: fc.record({ a: fc.bigInt({ min: 10_000n, max: 10_000_000n }), b: fc.bigInt({ min: 10_000n, max: 10_000_000n }) }),
    relicBalance: fc.constantFrom(0n, 1n, ETH),
    cashierBalance: fc.constantFrom(0n, 1_000n, ETH),
    blockGasLimit:
      shape.tightGasLimits === false
        ? fc.constant(BLOCK_GAS_LIMIT)
        : weighted(
            { weight: 30, arbitrary: fc.constant(BLOCK_GAS_LIMIT) },
            { weight: 1, arbitrary: fc.bigInt({ min: 150_000n, max: 600_000n }) }, // transactions may exceed the gas left
          ),
    // Written only from Shanghai on.
    withdrawals: fc.array(fc.record({ to: party, gwei: fc.bigInt({ min: 0n, max: 10n ** 9n }) }), { maxLength: 2 }),
    txs: fc.array(txArbitrary(weights), { minLength: shape.minTxs ?? 2, maxLength: shape.maxTxs ?? 12 }),
  })
}
