/** A block model written by hand: two rich EOAs, default contract state, the given actions in order. */
import { ETH } from './actionArbitrary.js'
import type { Action, BlockModel, Fork, TxModel } from './blockModel.js'
import { BLOCK_GAS_LIMIT } from './blockArbitrary.js'

export function handMadeBlock(fork: Fork, actions: readonly (Action | { readonly action: Action; readonly sender: number })[], overrides: Partial<BlockModel> = {}): BlockModel {
  const txs: TxModel[] = actions.map((entry) => {
    const { action, sender } = 'action' in entry ? entry : { action: entry, sender: 0 }
    return { sender, nonce: 'next', type: 'feeMarket', gas: { kind: 'ample' }, tip: 10n ** 8n, feeCapBelowBaseFee: false, accessList: [], action }
  })
  return {
    fork,
    eoas: [
      { balance: 100n * ETH, nonce: 0 },
      { balance: 100n * ETH, nonce: 0 },
    ],
    coinbase: 'fresh',
    counts: [1n, 2n, 3n, 4n],
    proxyOnV2: false,
    tokenBalances: [
      { a: 10_000n, b: 10_000n },
      { a: 10_000n, b: 10_000n },
    ],
    routerAllowed: [true, true],
    reserves: { a: 1_000_000n, b: 1_000_000n },
    relicBalance: ETH,
    cashierBalance: ETH,
    blockGasLimit: BLOCK_GAS_LIMIT,
    withdrawals: [],
    txs,
    ...overrides,
  }
}
