/**
 * A beneficiary-heavy block: every third transaction sends ETH to the
 * block's coinbase, every third calls CoinbaseReader.look() (which stores
 * `block.coinbase.balance`: a real read of the beneficiary's balance, so it
 * depends on every fee paid and every transfer to the coinbase before it),
 * and the rest are plain transfers. Fee payments alone never conflict (the
 * engine credits them lazily); the reads are what serialise.
 */
import { COINBASE } from './blockFactory.js'
import { SELECTORS, compiledCode } from './contracts.js'
import { type MockBlock, calldata } from './mockBlock.js'

export function addBeneficiaryTraffic(block: MockBlock, count: number): void {
  const reader = block.deploy(compiledCode('CoinbaseReader'))
  for (let i = 0; i < count; i++) {
    const sender = block.fundedKey()
    switch (i % 3) {
      case 0:
        block.send(sender, { to: COINBASE, value: 1000n + BigInt(block.random.below(1_000_000)) })
        break
      case 1:
        block.send(sender, { to: reader, gasLimit: 100_000n, data: calldata(SELECTORS.look) })
        break
      default:
        block.send(sender, { to: block.freshAddress(), value: 1000n + BigInt(block.random.below(1_000_000)) })
    }
  }
}
