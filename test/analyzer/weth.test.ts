import { describe, expect, it } from 'vitest'

import { vendoredCode } from './support/contracts.js'
import { calldata, described, mappingLocation, predictBytecode, predictFacts, preState, tx } from './support/world.js'

// WETH9 layout: 3 balanceOf, 4 allowance.
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const ALICE = '0xa11ce00000000000000000000000000000000001'
const state = preState({ [WETH]: { code: vendoredCode('WETH9') }, [ALICE]: {} })

describe('WETH9', () => {
  it('deposit writes the depositor balance slot and keeps the ETH (payable, makes no call)', async () => {
    const deposit = tx({ from: ALICE, to: WETH, value: 10n, data: calldata('deposit()') })
    const prediction = await predictBytecode(state, deposit)
    expect(described(prediction.writes)).toEqual([`balance(${WETH})`, mappingLocation(WETH, 3n, ALICE)].sort())
  })

  it('withdraw writes the balance slot, debits WETH and credits the caller', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: WETH, data: calldata('withdraw(uint256)', 10n) }))
    expect(described(prediction.writes)).toEqual([`balance(${ALICE})`, `balance(${WETH})`, mappingLocation(WETH, 3n, ALICE)].sort())
  })

  it('the facts leave a contract recipient balance to the bytecode (it may pass the value on)', async () => {
    const facts = await predictFacts(state, tx({ from: ALICE, to: WETH, value: 10n, data: calldata('deposit()') }))
    expect(described(facts.writes)).toEqual([`balance(${ALICE})`, `nonce(${ALICE})`])
    expect(described(facts.reads)).toEqual(expect.arrayContaining([`balance(${WETH})`, `code(${WETH})`]))
  })
})
