/**
 * Uniswap-v2-style swaps on constant-product pools (contracts/
 * ConstantProductPair.sol over two vendored ERC20Tokens): each swap pulls the
 * input token from the trader (transferFrom, allowance pre-set to the
 * maximum), pushes the output token back (transfer) and rewrites the pool's
 * packed reserves — three contracts, about 60–80k gas. On many independent
 * pools the swaps of different pools never conflict; on one hot pool every
 * swap reads what the previous one wrote (reserves, the pool's token
 * balances): a dependency chain.
 */
import { ERC20_SLOTS, MAX_UINT256, SELECTORS, compiledCode, nestedMappingSlotHex, slotHex, valueHex } from './contracts.js'
import { TOKEN_BALANCE, deployToken, fundHolder } from './erc20.js'
import type { Key } from './blockFactory.js'
import { type MockBlock, calldata, word } from './mockBlock.js'

const SWAP_GAS = 200_000n
/** Reserves of a fresh pool: deep enough that no swap in a block moves its price much. */
const RESERVE = 10n ** 24n

export interface Pool {
  readonly pair: string
  readonly token0: string
  readonly token1: string
}

/** Two tokens and a pair holding RESERVE of each (its token balances equal its reserves). */
export function deployPool(block: MockBlock): Pool {
  const token0 = deployToken(block, [])
  const token1 = deployToken(block, [])
  const reserves = (RESERVE << 112n) | RESERVE // reserve1 in bits 112..223, reserve0 in bits 0..111
  const pair = block.deploy(compiledCode('ConstantProductPair'), {
    [slotHex(0n)]: '0x' + word(token0),
    [slotHex(1n)]: '0x' + word(token1),
    [slotHex(2n)]: valueHex(reserves),
  })
  fundHolder(block, token0, pair)
  fundHolder(block, token1, pair)
  block.setStorage(token0, { [slotHex(ERC20_SLOTS.totalSupply)]: valueHex(TOKEN_BALANCE * 2n) })
  return { pair, token0, token1 }
}

/** A trader holding both tokens of `pool`, with the pool approved for both. */
export function trader(block: MockBlock, pool: Pool): Key {
  const key = block.fundedKey()
  for (const token of [pool.token0, pool.token1]) {
    fundHolder(block, token, key.address)
    block.setStorage(token, { [nestedMappingSlotHex(key.address, pool.pair, ERC20_SLOTS.allowances)]: valueHex(MAX_UINT256) })
  }
  return key
}

export function addSwap(block: MockBlock, pool: Pool, from: Key): void {
  const amountIn = 10n ** 18n + BigInt(block.random.below(1_000_000)) * 10n ** 12n
  const zeroForOne = block.random.next() < 0.5
  block.send(from, { to: pool.pair, gasLimit: SWAP_GAS, data: calldata(SELECTORS.swap, amountIn, zeroForOne, 0n) })
}

/** `count` swaps spread round-robin over `pools` pools (default: one pool per 10 swaps), each by its own trader. */
export function addSwapsOnManyPools(block: MockBlock, count: number, pools = Math.max(1, Math.ceil(count / 10))): void {
  const deployed = Array.from({ length: pools }, () => deployPool(block))
  for (let i = 0; i < count; i++) {
    const pool = deployed[i % pools]!
    addSwap(block, pool, trader(block, pool))
  }
}

/** `count` swaps on one pool, each by its own trader. */
export function addSwapsOnOnePool(block: MockBlock, count: number): void {
  addSwapsOnManyPools(block, count, 1)
}
