/**
 * A mixed block, shuffled: 40% raw transfers (a fifth of them into one hot
 * recipient), 30% ERC20 transfers (half onto hot holders), 20% swaps over a
 * handful of pools, 10% beneficiary traffic. Every sender sends once, so any
 * order is valid.
 */
import { addBeneficiaryTraffic } from './beneficiary.js'
import { addHotErc20Transfers, addIndependentErc20Transfers } from './erc20.js'
import { addSwapsOnManyPools } from './amm.js'
import type { MockBlock } from './mockBlock.js'
import { addIndependentTransfers, addTransfersToOneRecipient } from './transfers.js'

export function addMixedTraffic(block: MockBlock, count: number): void {
  const share = (fraction: number) => Math.floor(count * fraction)
  const transfers = share(0.4)
  const erc20 = share(0.3)
  const swaps = share(0.2)
  addTransfersToOneRecipient(block, Math.floor(transfers / 5))
  addIndependentTransfers(block, transfers - Math.floor(transfers / 5))
  addIndependentErc20Transfers(block, Math.ceil(erc20 / 2))
  addHotErc20Transfers(block, Math.floor(erc20 / 2), 4)
  addSwapsOnManyPools(block, swaps, Math.max(1, Math.ceil(swaps / 20)))
  addBeneficiaryTraffic(block, count - transfers - erc20 - swaps)
  block.shuffle()
}
