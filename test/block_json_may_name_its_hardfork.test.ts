import { describe, expect, it } from 'vitest'

import type { RpcBlock } from '../src/blockDirectory/loadBlockDirectory.js'
import { parseBlock } from '../src/blockDirectory/parseBlock.js'
import { PevmError } from '../src/shared/errors.js'

/** Block 1 at timestamp 1000: Frontier by mainnet's schedule, whatever a state test wants. */
function testBlock(extra: Record<string, unknown>): RpcBlock {
  return {
    number: '0x1', timestamp: '0x3e8', gasLimit: '0x1c9c380', gasUsed: '0x0', miner: '0x' + '00'.repeat(20),
    parentHash: '0x' + '00'.repeat(32), logsBloom: '0x' + '00'.repeat(256), receiptsRoot: '0x' + '00'.repeat(32),
    transactions: [], ...extra,
  }
}

describe('block.json may name its hardfork (state tests)', () => {
  it('takes the hardfork from the number and timestamp when the field is absent', () => {
    expect(parseBlock(testBlock({})).block.common.hardfork()).toBe('chainstart')
  })

  it('honours "hardfork" whatever the number and timestamp say', () => {
    const { block } = parseBlock(testBlock({ hardfork: 'cancun', baseFeePerGas: '0x7', excessBlobGas: '0x0', blobGasUsed: '0x0' }))
    expect(block.common.hardfork()).toBe('cancun')
    expect(block.header.excessBlobGas).toBe(0n)
  })

  it('refuses a name ethereumjs does not know with a one-line InputError', () => {
    let caught: unknown
    try {
      parseBlock(testBlock({ hardfork: 'Cancun!' }), 'x/block.json')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(PevmError)
    expect((caught as PevmError).name).toBe('InputError')
    expect((caught as PevmError).message).toBe('x/block.json: "hardfork" must be an ethereumjs hardfork name, got "Cancun!"')
  })

  it('refuses a hardfork that is not a string', () => {
    expect(() => parseBlock(testBlock({ hardfork: 17 }))).toThrow(/"hardfork" must be an ethereumjs hardfork name, got 17/)
  })
})
