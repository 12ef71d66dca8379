import { describe, expect, it } from 'vitest'

import { vendoredCode } from './support/contracts.js'
import { calldata, described, mappingLocation, predictBytecode, preState, slotLocation, tx } from './support/world.js'

// The vendored pool's immutables: token0, token1, factory, the pool itself.
const TOKEN0 = '0x261d8c5e9742e6f7f1076fa1f560894524e19cad'
const TOKEN1 = '0xce3478a9e0167a6bc5716dc39dbbbfac38f27623'
const POOL = '0xd495d5e5cab2567777fff988c4fcd71328b17c9d'
const ALICE = '0xa11ce00000000000000000000000000000000001'
const state = preState({
  [POOL]: { code: vendoredCode('UniswapV3Pool') },
  [TOKEN0]: { code: vendoredCode('ERC20Token') },
  [TOKEN1]: { code: vendoredCode('ERC20Token') },
  [ALICE]: {},
})

describe('a Uniswap v3 pool swap', () => {
  it('predicts slot0, the fee growth and the liquidity exactly', async () => {
    const swap = calldata('swap(address,bool,int256,uint160,bytes)', ALICE, 1n, 1000n, 4295128740n, 160n, 0n)
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: POOL, data: swap }))
    expect(described(prediction.writes)).toEqual(
      expect.arrayContaining([slotLocation(POOL, 0n), slotLocation(POOL, 1n), slotLocation(POOL, 2n), slotLocation(POOL, 4n)]),
    )
    expect(described(prediction.reads)).toEqual(expect.arrayContaining([slotLocation(POOL, 0n), slotLocation(POOL, 8n)]))
  })

  it('follows the immutable token addresses: the recipient balance in the tokens may change', async () => {
    const swap = calldata('swap(address,bool,int256,uint160,bytes)', ALICE, 1n, 1000n, 4295128740n, 160n, 0n)
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: POOL, data: swap }))
    expect(described(prediction.reads)).toEqual(expect.arrayContaining([`code(${TOKEN0})`, `code(${TOKEN1})`]))
    expect(described(prediction.writes)).toEqual(expect.arrayContaining([mappingLocation(TOKEN0, 0n, ALICE), mappingLocation(TOKEN1, 0n, ALICE)]))
  })
})
