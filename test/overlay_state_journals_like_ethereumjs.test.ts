import { Account, Address } from '@ethereumjs/util'
import { describe, expect, it } from 'vitest'

import { OverlayState } from '../executor/state/overlayState.js'
import { addressChars } from '../src/shared/locations.js'
import { parsePreState } from '../src/shared/preState.js'

const A = '0x' + 'aa'.repeat(20)
const B = '0x' + 'bb'.repeat(20)
const addressA = new Address(Buffer.from('aa'.repeat(20), 'hex'))
const addressB = new Address(Buffer.from('bb'.repeat(20), 'hex'))
const slot = (n: number) => { const key = new Uint8Array(32); key[31] = n; return key }
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function state(): OverlayState {
  return new OverlayState(parsePreState({ [A]: { balance: '0x64', nonce: '0x1', code: '0x6001', storage: { '0x1': '0x2a', '0x2': '0x7' } } }, 'test'))
}

describe('OverlayState', () => {
  it('reads untouched accounts, code and storage from the pre-state', async () => {
    const s = state()
    const account = (await s.getAccount(addressA))!
    expect([account.nonce, account.balance]).toEqual([1n, 100n])
    expect(hex(await s.getCode(addressA))).toBe('6001')
    expect(hex(await s.getStorage(addressA, slot(1)))).toBe('2a')
    expect((await s.getStorage(addressA, slot(9))).length).toBe(0)
    expect(await s.getAccount(addressB)).toBeUndefined()
  })

  it('reverts a checkpoint: fields, storage and created accounts come back', async () => {
    const s = state()
    await s.checkpoint()
    await s.putAccount(addressA, new Account(2n, 50n))
    await s.putStorage(addressA, slot(1), Uint8Array.of(0, 9))
    await s.putAccount(addressB, new Account(0n, 5n))
    expect(hex(await s.getStorage(addressA, slot(1)))).toBe('09')
    await s.revert()
    expect((await s.getAccount(addressA))!.balance).toBe(100n)
    expect(hex(await s.getStorage(addressA, slot(1)))).toBe('2a')
    expect(await s.getAccount(addressB)).toBeUndefined()
  })

  it('a committed inner checkpoint is still undone by reverting the outer one', async () => {
    const s = state()
    await s.checkpoint()
    await s.checkpoint()
    await s.putStorage(addressA, slot(2), new Uint8Array(0))
    await s.commit()
    expect((await s.getStorage(addressA, slot(2))).length).toBe(0)
    await s.revert()
    expect(hex(await s.getStorage(addressA, slot(2)))).toBe('07')
  })

  it('deleting an account deletes its code and storage, also when it is re-created (the SimpleStateManager bug)', async () => {
    const s = state()
    await s.deleteAccount(addressA)
    expect(await s.getAccount(addressA)).toBeUndefined()
    await s.putAccount(addressA, new Account(0n, 1n))
    expect((await s.getCode(addressA)).length).toBe(0)
    expect((await s.getStorage(addressA, slot(1))).length).toBe(0)
    const post = s.postState().get(addressChars(addressA.bytes))!
    expect(post.storage.size).toBe(0)
    expect(post.code.length).toBe(0)
  })

  it('the post-state merges written slots over the pre-state and omits deleted accounts', async () => {
    const s = state()
    await s.putStorage(addressA, slot(3), Uint8Array.of(5))
    await s.putAccount(addressB, new Account(0n, 5n))
    await s.deleteAccount(addressB)
    const post = s.postState()
    expect(post.has(addressChars(addressB.bytes))).toBe(false)
    expect(post.get(addressChars(addressA.bytes))!.storage.size).toBe(3)
  })

  it('remembers each slot\'s value at the start of the transaction (for SSTORE gas)', async () => {
    const s = state()
    s.originalStorageCache.clear()
    expect(hex(await s.originalStorageCache.get(addressA, slot(1)))).toBe('2a')
    await s.putStorage(addressA, slot(1), Uint8Array.of(1))
    expect(hex(await s.originalStorageCache.get(addressA, slot(1)))).toBe('2a')
    s.originalStorageCache.clear()
    expect(hex(await s.originalStorageCache.get(addressA, slot(1)))).toBe('01')
  })
})
