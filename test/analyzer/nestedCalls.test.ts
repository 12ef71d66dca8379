import { describe, expect, it } from 'vitest'

import { compiledCode, vendoredCode } from './support/contracts.js'
import { address, calldata, described, mappingLocation, predictBytecode, preState, slotLocation, tx } from './support/world.js'

// Vault (fixtures/analyzer/contracts/Vault.sol): 0 stored token, 1 deposits, 2 owners, 3 marks, 4 counter, 5 history.
const VAULT = '0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a'
const IMMUTABLE_TOKEN = '0x7171717171717171717171717171717171717171'
const STORED_TOKEN = '0x7272727272727272727272727272727272727272'
const HARD_CODED_TOKEN = '0x1111111111111111111111111111111111111111'
const ALICE = '0xa11ce00000000000000000000000000000000001'

const state = preState({
  [VAULT]: { code: compiledCode('Vault', { token: IMMUTABLE_TOKEN }), storage: { '0x0': STORED_TOKEN } },
  [IMMUTABLE_TOKEN]: { code: vendoredCode('ERC20Token') },
  [STORED_TOKEN]: { code: vendoredCode('ERC20Token') },
  [HARD_CODED_TOKEN]: { code: vendoredCode('ERC20Token') },
  [ALICE]: {},
})

async function deposit(signature: string) {
  return predictBytecode(state, tx({ from: ALICE, to: VAULT, data: calldata(signature, 100n) }))
}

describe('nested calls are followed to the token', () => {
  it('through an immutable address (PUSH32 in the runtime code)', async () => {
    const prediction = await deposit('depositImmutable(uint256)')
    expect(described(prediction.reads)).toContain(`code(${IMMUTABLE_TOKEN})`)
    expect(described(prediction.writes)).toEqual(
      expect.arrayContaining([mappingLocation(IMMUTABLE_TOKEN, 0n, ALICE), mappingLocation(VAULT, 1n, ALICE), slotLocation(VAULT, 4n)]),
    )
  })

  it('through an address stored in the contract (read from the pre-state)', async () => {
    const prediction = await deposit('depositStored(uint256)')
    expect(described(prediction.reads)).toEqual(expect.arrayContaining([slotLocation(VAULT, 0n), `code(${STORED_TOKEN})`]))
    expect(described(prediction.writes)).toContain(mappingLocation(STORED_TOKEN, 0n, ALICE))
  })

  it('through a hard-coded address (PUSH20)', async () => {
    const prediction = await deposit('depositHardCoded(uint256)')
    expect(described(prediction.writes)).toContain(mappingLocation(HARD_CODED_TOKEN, 0n, ALICE))
  })

  it('but only to the functions whose selectors the caller pushes', async () => {
    const prediction = await deposit('depositImmutable(uint256)')
    expect(described(prediction.writes).some((location) => location.startsWith(`storage(${STORED_TOKEN}`))).toBe(false)
  })
})

describe('mapping keys come from the calldata, or the prediction is coarse', () => {
  it('a mapping keyed by a uint argument', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: VAULT, data: calldata('register(uint256)', 42n) }))
    expect(described(prediction.writes)).toEqual([mappingLocation(VAULT, 2n, '2a')])
  })

  it('a mapping keyed by a hash computed in the code is a coarse write of the contract', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: VAULT, data: calldata('mark(address)', ALICE) }))
    expect(prediction.writes.size).toBe(0)
    expect(prediction.coarse).toEqual([{ account: Buffer.from(address(VAULT)).toString('latin1'), kind: 'any-storage', access: 'write' }])
  })

  it('an array push: the length slot exactly, the element coarsely', async () => {
    const prediction = await predictBytecode(state, tx({ from: ALICE, to: VAULT, data: calldata('record(uint256)', 9n) }))
    expect(described(prediction.writes)).toEqual([slotLocation(VAULT, 5n)])
    expect(prediction.coarse.map((coarse) => coarse.access)).toContain('write')
  })
})
