import { describe, expect, it } from 'vitest'

import { addressWordsIn, decodeArguments } from '../../analyzer/symbolic/abiDecode.js'
import { calldata } from './support/world.js'

const ALICE = '0xa11ce00000000000000000000000000000000001'
const BOB = '0xb0b0000000000000000000000000000000000002'

function words(types: string[], data: Uint8Array): string[] {
  return decodeArguments(types, data).map(({ family, word }) => `${family}:${BigInt('0x' + Buffer.from(word).toString('hex')).toString(16)}`)
}

describe('calldata decoding by the argument types evmole found', () => {
  it('reads static arguments where the ABI puts them', () => {
    expect(words(['address', 'uint256', 'bool'], calldata('f(address,uint256,bool)', ALICE, 7n, 1n))).toEqual([`address:${ALICE.slice(2).replace(/^0+/, '')}`, 'integer:7', 'bool:1'])
  })

  it('follows the offset of a dynamic address array', () => {
    // f(uint256, address[]): head = [7, offset 0x40], then length 2 and the elements
    const data = calldata('f(uint256,address[])', 7n, 0x40n, 2n, ALICE, BOB)
    expect(words(['uint256', 'address[]'], data)).toEqual(['integer:7', `address:${ALICE.slice(2).replace(/^0+/, '')}`, `address:${BOB.slice(2).replace(/^0+/, '')}`])
  })

  it('decodes a static tuple in place and skips bytes', () => {
    const data = calldata('f((address,uint24),bytes)', ALICE, 3000n, 0x60n, 0n)
    expect(words(['(address,uint24)', 'bytes'], data)).toEqual([`address:${ALICE.slice(2).replace(/^0+/, '')}`, 'integer:bb8'])
  })

  it('returns what it could read from truncated or hostile calldata, without throwing', () => {
    expect(words(['address', 'uint256'], calldata('f(address,uint256)', ALICE))).toEqual([`address:${ALICE.slice(2).replace(/^0+/, '')}`])
    expect(words(['uint256[]'], calldata('f(uint256[])', 2n ** 200n))).toEqual([])
    expect(words(['uint256[]'], calldata('f(uint256[])', 0x20n, 1000n, 1n))).toEqual([])
  })

  it('finds address-shaped words anywhere in the calldata, not small numbers', () => {
    const found = addressWordsIn(calldata('f(uint256,address,uint256)', 5n, ALICE, 2n ** 64n))
    expect(found.map((bytes) => '0x' + Buffer.from(bytes).toString('hex'))).toEqual([ALICE])
  })
})
