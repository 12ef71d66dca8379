import { describe, expect, it } from 'vitest'

import { compiledCode, minimalProxyCode } from './support/contracts.js'
import { calldata, described, mappingLocation, predictBytecode, preState, slotLocation, tx } from './support/world.js'

// Counter (the implementation) layout: 0 counts[caller], 1 total. Proxies keep the storage.
const COUNTER = '0xc0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0'
const PROXY = '0xb1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1'
const BEACON = '0xbeacbeacbeacbeacbeacbeacbeacbeacbeacbeac'
const ALICE = '0xa11ce00000000000000000000000000000000001'
const EIP1967_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'
const ZOS_SLOT = '0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c036e5a723fd8ee048ed3f8c3'
const BEACON_SLOT = '0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50'
const increment = calldata('increment()')

/** The writes Counter.increment() makes, in the proxy's storage. */
const counterWrites = [mappingLocation(PROXY, 0n, ALICE), slotLocation(PROXY, 1n)].sort()

async function predictThrough(proxyCode: Uint8Array, storage: Record<string, string>, extra: Parameters<typeof preState>[0] = {}) {
  const state = preState({ [PROXY]: { code: proxyCode, storage }, [COUNTER]: { code: compiledCode('Counter') }, [ALICE]: {}, ...extra })
  return predictBytecode(state, tx({ from: ALICE, to: PROXY, data: increment }))
}

describe('proxies are resolved from the pre-block state', () => {
  it('an EIP-1967 proxy: the implementation slot is read and the logic runs on the proxy storage', async () => {
    const prediction = await predictThrough(compiledCode('Eip1967Proxy'), { [EIP1967_SLOT]: COUNTER })
    expect(described(prediction.writes)).toEqual(counterWrites)
    expect(described(prediction.reads)).toEqual(expect.arrayContaining([`storage(${PROXY},${EIP1967_SLOT})`, `code(${COUNTER})`]))
  })

  it("an OpenZeppelin (zos) proxy: keccak('org.zeppelinos.proxy.implementation')", async () => {
    const prediction = await predictThrough(compiledCode('ZeppelinOsProxy'), { [ZOS_SLOT]: COUNTER })
    expect(described(prediction.writes)).toEqual(counterWrites)
    expect(described(prediction.reads)).toContain(`storage(${PROXY},${ZOS_SLOT})`)
  })

  it('a DELEGATECALL to an address stored in slot 0 (Gnosis Safe style)', async () => {
    const prediction = await predictThrough(compiledCode('MasterCopyProxy'), { '0x0': COUNTER })
    expect(described(prediction.writes)).toEqual(counterWrites)
    expect(described(prediction.reads)).toContain(slotLocation(PROXY, 0n))
  })

  it("a beacon proxy: the beacon's implementation() is read from the beacon's storage", async () => {
    const prediction = await predictThrough(compiledCode('BeaconProxy'), { [BEACON_SLOT]: BEACON }, {
      [BEACON]: { code: compiledCode('Beacon'), storage: { '0x1': COUNTER } },
    })
    expect(described(prediction.writes)).toEqual(counterWrites)
    expect(described(prediction.reads)).toEqual(expect.arrayContaining([`storage(${PROXY},${BEACON_SLOT})`, slotLocation(BEACON, 1n), `code(${BEACON})`]))
  })

  it('an EIP-1167 minimal proxy: the target is in the code itself', async () => {
    const prediction = await predictThrough(minimalProxyCode(COUNTER), {})
    expect(described(prediction.writes)).toEqual(counterWrites)
    expect(described(prediction.reads)).toContain(`code(${COUNTER})`)
  })

  it('a proxy whose implementation slot is empty stays coarse', async () => {
    const prediction = await predictThrough(compiledCode('Eip1967Proxy'), {})
    expect(prediction.writes.size).toBe(0)
    expect(prediction.coarse.map((coarse) => coarse.access)).toEqual(['write'])
  })
})
