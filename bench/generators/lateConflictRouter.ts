/**
 * Late-conflict swaps through a router (issue 11's benchmark): every
 * transaction calls LateRouter.swapVia(pair, amountIn, zeroForOne, rounds,
 * path) (contracts/LateConflict.sol). The router first hashes the route
 * (`rounds` keccak rounds over the path words) and reads its own
 * configuration — nothing another transaction writes — and only then reads
 * the pool's reserves (STATICCALLs from the outermost frame) and calls the
 * pool's swap, which moves the router's token inventory and rewrites the
 * reserves. With one hot pool every swap conflicts with the one before it,
 * late: at the reserve reads, after ~100k gas of work.
 *
 * The router trades from its own inventory (it holds both tokens and has
 * approved the pool), so a trader needs nothing but ETH for gas; the
 * router's token balances are hot too, but they are only read inside the
 * pool's swap, after the reserve reads.
 */
import { type Pool, deployPool } from './amm.js'
import { ERC20_SLOTS, MAX_UINT256, compiledCode, mappingSlotHex, nestedMappingSlotHex, valueHex } from './contracts.js'
import { fundHolder } from './erc20.js'
import { type MockBlock, calldata, word } from './mockBlock.js'

/** swapVia(address,uint256,bool,uint256,bytes32[]) */
export const SWAP_VIA_SELECTOR = '25b9a018'
/** LateRouter layout: 0 registered, 1 feeBps, 2 routedBy. */
export const ROUTER_SLOTS = { registered: 0n, feeBps: 1n, routedBy: 2n } as const
/** Route-hashing rounds per call (each ~150 gas, and Solidity's abi.encode grows memory by 96 bytes a round). */
export const ROUTE_ROUNDS = 350
const ROUND_SPREAD = 100
const PATH_WORDS = 4
const SWAP_VIA_GAS = 500_000n
/** Slippage tolerance the router applies to its quote (0.5%). */
const TOLERANCE_BPS = 50n

/** A LateRouter with `pools` registered, holding TOKEN_BALANCE of each of their tokens, with each pool approved. */
export function deployLateRouter(block: MockBlock, pools: readonly Pool[]): string {
  const router = block.deploy(compiledCode('LateRouter'))
  for (const pool of pools) {
    block.setStorage(router, {
      [mappingSlotHex(pool.pair, ROUTER_SLOTS.registered)]: valueHex(1n),
      [mappingSlotHex(pool.pair, ROUTER_SLOTS.feeBps)]: valueHex(TOLERANCE_BPS),
    })
    for (const token of [pool.token0, pool.token1]) {
      fundHolder(block, token, router)
      block.setStorage(token, { [nestedMappingSlotHex(router, pool.pair, ERC20_SLOTS.allowances)]: valueHex(MAX_UINT256) })
    }
  }
  return router
}

/** swapVia calldata: the five head words, then the dynamic path (offset 5 words, length, words). */
function swapViaCalldata(pair: string, amountIn: bigint, zeroForOne: boolean, rounds: number, path: readonly string[]): string {
  return calldata(SWAP_VIA_SELECTOR, pair, amountIn, zeroForOne, BigInt(rounds), 5n * 32n, BigInt(path.length), ...path)
}

/** `txs` swaps through one router, spread round-robin over `pools` pools (default one hot pool), each by its own trader. */
export function addLateRouterSwaps(block: MockBlock, txs: number, pools = 1): void {
  const deployed = Array.from({ length: pools }, () => deployPool(block))
  const router = deployLateRouter(block, deployed)
  for (let i = 0; i < txs; i++) {
    const pool = deployed[i % pools]!
    const amountIn = 10n ** 18n + BigInt(block.random.below(1_000_000)) * 10n ** 12n
    const path = Array.from({ length: PATH_WORDS }, () => word(block.freshAddress()))
    const rounds = ROUTE_ROUNDS + block.random.below(ROUND_SPREAD + 1)
    const data = swapViaCalldata(pool.pair, amountIn, block.random.next() < 0.5, rounds, path)
    block.send(block.fundedKey(), { to: router, gasLimit: SWAP_VIA_GAS, data })
  }
}
