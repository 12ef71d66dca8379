/**
 * Weighted generators of what a transaction does. Weights are per group of
 * actions, so a test can lean on the workloads where parallel engines break
 * (hot storage, the beneficiary's balance, chains of transfers) without
 * losing the rest. Amounts are weighted too: mostly small, sometimes exactly
 * enough, sometimes far more than anyone has.
 */
import fc from 'fast-check'

import { MAX_EOAS } from './accounts.js'
import type { Action, CounterFunction, InitCode, InnerCall, Party } from './blockModel.js'
import { weighted } from './weighted.js'

export const ETH = 10n ** 18n
const MAX_UINT = (1n << 256n) - 1n

export type ActionGroup =
  | 'transfer'
  | 'counter'
  | 'proxy'
  | 'token'
  | 'swap'
  | 'factory'
  | 'relic'
  | 'cashier'
  | 'nested'
  | 'precompile'
  | 'blockData'
  | 'transient'
  | 'deploy'

export type ActionWeights = Readonly<Record<ActionGroup, number>>

/** Everything, weighted towards the common and the conflict-prone. */
export const MIXED: ActionWeights = {
  transfer: 20,
  counter: 12,
  proxy: 4,
  token: 10,
  swap: 6,
  factory: 6,
  relic: 2,
  cashier: 10,
  nested: 5,
  precompile: 4,
  blockData: 3,
  transient: 2,
  deploy: 4,
}

/**
 * Contention: hot storage (counters, token balances, the pair's reserves),
 * the beneficiary's balance, chains of transfers among the same accounts,
 * and factory CREATEs whose only shared state is the factory's nonce.
 * What broken engines get wrong first.
 */
export const CONTENDED: ActionWeights = {
  transfer: 10,
  counter: 20,
  proxy: 4,
  token: 8,
  swap: 8,
  factory: 3,
  relic: 0,
  cashier: 8,
  nested: 2,
  precompile: 1,
  blockData: 0,
  transient: 2,
  deploy: 1,
}

/** CREATE2 salts: few, so that creations collide and destroyed children are re-created. */
const salt = fc.integer({ min: 0, max: 2 })

export const party: fc.Arbitrary<Party> = weighted(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: MAX_EOAS - 1 }).map((index): Party => ({ kind: 'eoa', index })) },
  { weight: 3, arbitrary: fc.constant<Party>({ kind: 'coinbase' }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 }).map((index): Party => ({ kind: 'fresh', index })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((address): Party => ({ kind: 'precompile', address })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('counter', 'tokenA', 'pair', 'proxy', 'relic', 'cashier', 'burner', 'factory')
      .map((name): Party => ({ kind: 'contract', name: name as Extract<Party, { kind: 'contract' }>['name'] })),
  },
  { weight: 1, arbitrary: salt.map((salt): Party => ({ kind: 'child', salt })) },
)

/** Who receives ETH from a contract or a self-destruct: the accounts that matter most. */
const beneficiary: fc.Arbitrary<Party> = weighted(
  { weight: 3, arbitrary: fc.constant<Party>({ kind: 'coinbase' }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: MAX_EOAS - 1 }).map((index): Party => ({ kind: 'eoa', index })) },
  { weight: 1, arbitrary: party },
)

/** Wei: mostly small, sometimes whole ether, rarely more than any account holds. */
export const wei: fc.Arbitrary<bigint> = weighted(
  { weight: 3, arbitrary: fc.constantFrom(0n, 1n) },
  { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 1_000_000n }) },
  { weight: 3, arbitrary: fc.constantFrom(ETH / 1000n, ETH / 10n, ETH, 5n * ETH) },
  { weight: 1, arbitrary: fc.constant(10_000n * ETH) },
)

const tokenAmount: fc.Arbitrary<bigint> = weighted(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 100n }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 100n, max: 20_000n }) },
  { weight: 1, arbitrary: fc.constantFrom(10n ** 30n, MAX_UINT) },
)

/** Counter keys: key 0 is hot; 4 is out of the array's bounds (reverts). */
const counterKey = weighted({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(4) })

const counterFunction = weighted(
  { weight: 6, arbitrary: fc.constant<CounterFunction>('increment') },
  { weight: 2, arbitrary: fc.constant<CounterFunction>('add') },
  { weight: 2, arbitrary: fc.constant<CounterFunction>('incrementIfEven') },
  { weight: 1, arbitrary: fc.constantFrom<CounterFunction>('bounce', 'reset') },
  { weight: 1, arbitrary: fc.constant<CounterFunction>('shout') },
)

const counterAmount = weighted({ weight: 5, arbitrary: fc.bigInt({ min: 0n, max: 1000n }) }, { weight: 1, arbitrary: fc.constant(MAX_UINT) })

const token = fc.constantFrom<'tokenA' | 'tokenB'>('tokenA', 'tokenB')

const innerCall: fc.Arbitrary<InnerCall> = weighted(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 8 }).map((rounds): InnerCall => ({ kind: 'burn', rounds })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 7 }).map((slot): InnerCall => ({ kind: 'writeThenRevert', slot })) },
  { weight: 3, arbitrary: counterKey.map((key): InnerCall => ({ kind: 'increment', key })) },
  { weight: 2, arbitrary: fc.record({ to: party, amount: tokenAmount }).map((fields): InnerCall => ({ kind: 'tokenTransfer', ...fields })) },
)

/** Gas for a nested call: often too little (out of gas inside, the caller goes on). */
const innerGas = weighted({ weight: 2, arbitrary: fc.integer({ min: 0, max: 30_000 }) }, { weight: 3, arbitrary: fc.integer({ min: 30_000, max: 250_000 }) })

const initCode = weighted(
  { weight: 3, arbitrary: fc.constantFrom<InitCode>('counter', 'child') },
  { weight: 2, arbitrary: fc.constantFrom<InitCode>('reverting', 'selfDestructing', 'looping', 'efPrefixed', 'empty') },
)

const bytes = fc.uint8Array({ maxLength: 80 })

const GROUPS: Record<ActionGroup, fc.Arbitrary<Action>> = {
  transfer: fc.record({ to: party, value: wei }).map((fields): Action => ({ kind: 'transfer', ...fields })),
  counter: fc
    .record({ fn: counterFunction, key: counterKey, amount: counterAmount })
    .map((fields): Action => ({ kind: 'counter', ...fields, viaProxy: false })),
  proxy: weighted(
    { weight: 4, arbitrary: fc.record({ fn: counterFunction, key: counterKey, amount: counterAmount }).map((fields): Action => ({ kind: 'counter', ...fields, viaProxy: true })) },
    { weight: 1, arbitrary: fc.boolean().map((toV2): Action => ({ kind: 'upgrade', toV2 })) },
  ),
  token: weighted(
    { weight: 4, arbitrary: fc.record({ token, to: party, amount: tokenAmount }).map((fields): Action => ({ kind: 'tokenTransfer', ...fields })) },
    { weight: 1, arbitrary: fc.record({ token, spender: party, amount: tokenAmount }).map((fields): Action => ({ kind: 'tokenApprove', ...fields })) },
    { weight: 2, arbitrary: fc.record({ token, from: party, to: party, amount: tokenAmount }).map((fields): Action => ({ kind: 'tokenTransferFrom', ...fields })) },
    { weight: 1, arbitrary: fc.record({ token, to: party, amount: tokenAmount }).map((fields): Action => ({ kind: 'tokenMint', ...fields })) },
  ),
  swap: fc
    .record({
      zeroForOne: fc.boolean(),
      amountIn: weighted({ weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 50_000n }) }, { weight: 1, arbitrary: fc.constant(10n ** 30n) }),
      minOut: weighted({ weight: 4, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 100_000n }) }),
      to: party,
    })
    .map((fields): Action => ({ kind: 'swap', ...fields })),
  factory: weighted(
    { weight: 3, arbitrary: fc.record({ salt, value: wei }).map((fields): Action => ({ kind: 'create2Child', ...fields })) },
    { weight: 1, arbitrary: wei.map((value): Action => ({ kind: 'createChild', value })) },
    { weight: 3, arbitrary: fc.record({ salt, beneficiary, value: wei }).map((fields): Action => ({ kind: 'createAndDestroy', ...fields })) },
    { weight: 1, arbitrary: fc.record({ beneficiary, value: wei }).map((fields): Action => ({ kind: 'createPlainAndDestroy', ...fields })) },
    { weight: 1, arbitrary: fc.record({ salt, beneficiary }).map((fields): Action => ({ kind: 'destroyChild', ...fields })) },
    { weight: 2, arbitrary: fc.record({ salt, value: wei }).map((fields): Action => ({ kind: 'pingChild', ...fields })) },
  ),
  relic: weighted(
    { weight: 1, arbitrary: beneficiary.map((to): Action => ({ kind: 'destroyRelic', beneficiary: to })) },
    { weight: 1, arbitrary: wei.map((value): Action => ({ kind: 'pingRelic', value })) },
  ),
  cashier: weighted(
    { weight: 4, arbitrary: fc.constant<Action>({ kind: 'cashier', fn: 'recordCoinbase', value: 0n }) },
    { weight: 3, arbitrary: wei.map((value): Action => ({ kind: 'cashier', fn: 'payCoinbase', value })) },
    { weight: 2, arbitrary: fc.constant<Action>({ kind: 'cashier', fn: 'coinbaseParity', value: 0n }) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: 'cashier', fn: 'recordSelfBalance', value: 0n }) },
    { weight: 2, arbitrary: party.map((who): Action => ({ kind: 'inspect', who })) },
    { weight: 3, arbitrary: party.map((who): Action => ({ kind: 'cashierRecordBalance', who })) },
    { weight: 3, arbitrary: fc.record({ to: beneficiary, value: wei }).map((fields): Action => ({ kind: 'cashierPay', ...fields })) },
    { weight: 1, arbitrary: fc.record({ a: beneficiary, b: beneficiary, value: wei }).map((fields): Action => ({ kind: 'cashierSplit', ...fields })) },
    { weight: 1, arbitrary: fc.record({ to: beneficiary, amount: wei }).map((fields): Action => ({ kind: 'cashierPayOut', ...fields })) },
  ),
  nested: weighted(
    { weight: 4, arbitrary: fc.record({ inner: innerCall, gas: innerGas }).map((fields): Action => ({ kind: 'callWithGas', ...fields })) },
    { weight: 1, arbitrary: innerCall.map((inner): Action => ({ kind: 'callThenRevert', inner })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }).map((rounds): Action => ({ kind: 'burn', rounds })) },
  ),
  precompile: weighted(
    { weight: 2, arbitrary: counterKey.map((key): Action => ({ kind: 'shaOfCounter', key })) },
    { weight: 2, arbitrary: fc.record({ signer: fc.integer({ min: 0, max: MAX_EOAS - 1 }), corrupt: fc.boolean() }).map((fields): Action => ({ kind: 'recover', ...fields })) },
    { weight: 1, arbitrary: bytes.map((data): Action => ({ kind: 'ripemd', data })) },
    { weight: 1, arbitrary: bytes.map((data): Action => ({ kind: 'identity', data })) },
  ),
  blockData: weighted(
    {
      weight: 3,
      arbitrary: fc
        .oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 256 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 257, 1000) })
        .map((back): Action => ({ kind: 'blockhash', back })),
    },
    { weight: 1, arbitrary: fc.constantFrom(0, 0, 12).map((back): Action => ({ kind: 'beaconRoot', back })) },
    { weight: 2, arbitrary: fc.constant<Action>({ kind: 'blobs' }) },
  ),
  transient: fc.record({ twice: fc.boolean(), key: counterKey }).map((fields): Action => ({ kind: 'transient', ...fields })),
  deploy: fc.record({ init: initCode, value: wei }).map((fields): Action => ({ kind: 'deploy', ...fields })),
}

export function actionArbitrary(weights: ActionWeights): fc.Arbitrary<Action> {
  const choices = (Object.keys(GROUPS) as ActionGroup[]).filter((group) => weights[group] > 0).map((group) => ({ weight: weights[group], arbitrary: GROUPS[group] }))
  return weighted(...choices)
}
