import { describe, expect, it } from 'vitest'

import { createdAddress } from '../../analyzer/transaction.js'
import { address, described, predictFacts, preState, tx } from './support/world.js'
import { vendoredCode } from './support/contracts.js'

const ALICE = '0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0'
const BOB = '0xb0b0000000000000000000000000000000000002'
const TOKEN = '0x7070707070707070707070707070707070707070'
const state = preState({ [ALICE]: {}, [BOB]: {}, [TOKEN]: { code: vendoredCode('ERC20Token') } })

describe('the certain facts of a transaction', () => {
  it('a transfer: the sender pays and counts a nonce, the recipient is credited', async () => {
    const facts = await predictFacts(state, tx({ from: ALICE, to: BOB, value: 1n }))
    expect(facts.confidence).toBe('certain')
    expect(described(facts.reads)).toEqual([`balance(${ALICE})`, `balance(${BOB})`, `code(${ALICE})`, `code(${BOB})`, `nonce(${ALICE})`, `nonce(${BOB})`])
    expect(described(facts.writes)).toEqual([`balance(${ALICE})`, `balance(${BOB})`, `nonce(${ALICE})`])
  })

  it('a call without value writes nothing of the callee', async () => {
    const facts = await predictFacts(state, tx({ from: ALICE, to: TOKEN }))
    expect(described(facts.writes)).toEqual([`balance(${ALICE})`, `nonce(${ALICE})`])
    expect(described(facts.reads)).toContain(`code(${TOKEN})`)
  })

  it('a creation deploys to keccak(rlp([sender, nonce])) and writes its nonce and code', async () => {
    const created = '0x343c43a37d37dff08ae8c4a11544c718abb4fcf8'
    expect('0x' + Buffer.from(createdAddress(address(ALICE), 0n)).toString('hex')).toBe('0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d')
    expect('0x' + Buffer.from(createdAddress(address(ALICE), 1n)).toString('hex')).toBe(created)
    const facts = await predictFacts(state, tx({ from: ALICE, nonce: 1n, value: 5n }))
    expect(described(facts.writes)).toEqual([`balance(${ALICE})`, `balance(${created})`, `code(${created})`, `nonce(${ALICE})`, `nonce(${created})`].sort())
    expect(described(facts.reads)).toEqual(expect.arrayContaining([`balance(${created})`, `code(${created})`, `nonce(${created})`]))
  })
})
