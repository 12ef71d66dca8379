import { describe, expect, it } from 'vitest'

import { parseBlockAccessList } from '../../analyzer/bal/blockAccessList.js'
import { describeLocation } from '../../src/shared/locations.js'

const TOKEN = '0x7070707070707070707070707070707070707070'
const ALICE = '0xa11ce00000000000000000000000000000000001'
const SLOT = `0x${'0'.repeat(63)}3`

function changesOf(json: unknown): Record<number, string[]> {
  const { changes } = parseBlockAccessList(json, 'bal.json')
  return Object.fromEntries([...changes].map(([index, keys]) => [index, [...keys].map(describeLocation).sort()]))
}

describe('an EIP-7928 block access list', () => {
  const expected = {
    1: [`balance(${ALICE})`, `nonce(${ALICE})`],
    2: [`code(${TOKEN})`, `storage(${TOKEN},${SLOT})`],
  }

  it('is read in the execution-apis names', () => {
    const json = [
      { address: TOKEN, storageChanges: [{ key: '0x3', changes: [{ index: 2, value: '0x1' }] }], storageReads: ['0x4'], codeChanges: [{ index: 2, code: '0x6000' }] },
      { address: ALICE, balanceChanges: [{ index: 1, value: '0x10' }], nonceChanges: [{ index: 1, value: '0x1' }] },
    ]
    expect(changesOf(json)).toEqual(expected)
    expect([...parseBlockAccessList(json, 'bal.json').storageReads].map(describeLocation)).toEqual([`storage(${TOKEN},0x${'0'.repeat(63)}4)`])
  })

  it('is read in the other clients’ names (slot, slotChanges, blockAccessIndex/txIndex, post*, newCode)', () => {
    const json = [
      { address: TOKEN, storageChanges: [{ slot: SLOT, slotChanges: [{ blockAccessIndex: '0x2', postValue: '0x1' }] }], codeChanges: [{ txIndex: 2, newCode: '0x6000' }] },
      { address: ALICE, balanceChanges: [{ blockAccessIndex: 1, postBalance: '0x10' }], nonceChanges: [{ txIndex: 1, postNonce: '0x1' }] },
    ]
    expect(changesOf(json)).toEqual(expected)
  })

  it('names the file and the entry when something is malformed', () => {
    expect(() => parseBlockAccessList({}, 'bal.json')).toThrow('bal.json: expected an array of account entries')
    expect(() => parseBlockAccessList([{ address: '0x12' }], 'bal.json')).toThrow('bal.json: [0].address: expected 20 bytes, got 1')
    expect(() => parseBlockAccessList([{ address: TOKEN, storageChanges: [{ changes: [] }] }], 'bal.json')).toThrow(
      `bal.json: account ${TOKEN}.storageChanges[0]: missing "key" (or "slot")`,
    )
    expect(() => parseBlockAccessList([{ address: TOKEN, balanceChanges: [{ value: '0x1' }] }], 'bal.json')).toThrow(
      `bal.json: account ${TOKEN}.balanceChanges[0]: needs exactly one of "index", "blockAccessIndex", "txIndex"`,
    )
    expect(() => parseBlockAccessList([{ address: TOKEN, nonceChanges: [{ index: 1, value: '0x1', postNonce: '0x1' }] }], 'bal.json')).toThrow(
      'needs exactly one of "value", "postNonce"',
    )
    expect(() => parseBlockAccessList([{ address: TOKEN, storage: [] }], 'bal.json')).toThrow('bal.json: [0]: unknown field "storage"')
  })
})
