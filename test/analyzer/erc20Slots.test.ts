import { describe, expect, it } from 'vitest'

import { vendoredCode } from './support/contracts.js'
import { address, calldata, described, mappingLocation, predictBytecode, preState, tx } from './support/world.js'

// ERC20Token layout: 0 balances, 1 allowances[owner][spender].
const TOKEN = '0x7070707070707070707070707070707070707070'
const ALICE = '0xa11ce00000000000000000000000000000000001'
const BOB = '0xb0b0000000000000000000000000000000000002'
const CAROL = '0xca40100000000000000000000000000000000003'
const state = preState({ [TOKEN]: { code: vendoredCode('ERC20Token') }, [ALICE]: {}, [BOB]: {}, [CAROL]: {} })

describe('an ERC20 token', () => {
  it('transfer predicts the sender and recipient balance slots as read and written', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: TOKEN, data: calldata('transfer(address,uint256)', BOB, 5n) }))
    const balances = [mappingLocation(TOKEN, 0n, ALICE), mappingLocation(TOKEN, 0n, BOB)].sort()
    expect(described(prediction.writes)).toEqual(balances)
    expect(described(prediction.reads)).toEqual(expect.arrayContaining(balances))
    expect(prediction.coarse).toEqual([])
  })

  it('transferFrom predicts both balances and the allowance of the owner for the caller', async () => {
    const prediction = await predictBytecode(state, tx({ from: CAROL, to: TOKEN, data: calldata('transferFrom(address,address,uint256)', ALICE, BOB, 5n) }))
    expect(described(prediction.writes)).toEqual(
      expect.arrayContaining([mappingLocation(TOKEN, 0n, ALICE), mappingLocation(TOKEN, 0n, BOB), mappingLocation(TOKEN, 1n, ALICE, CAROL)]),
    )
    expect(prediction.coarse).toEqual([])
  })

  it('approve predicts the allowance of the caller for the spender', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: TOKEN, data: calldata('approve(address,uint256)', BOB, 5n) }))
    expect(described(prediction.writes)).toContain(mappingLocation(TOKEN, 1n, ALICE, BOB))
  })

  it('balanceOf is a read only', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: TOKEN, data: calldata('balanceOf(address)', BOB) }))
    expect(described(prediction.reads)).toContain(mappingLocation(TOKEN, 0n, BOB))
    expect(prediction.writes.size).toBe(0)
  })

  it('an unknown selector makes a coarse write of the contract, not nothing', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: TOKEN, data: calldata('mint(address,uint256)', BOB, 5n) }))
    expect(prediction.coarse).toEqual([{ account: Buffer.from(address(TOKEN)).toString('latin1'), kind: 'any-storage', access: 'write' }])
  })
})
