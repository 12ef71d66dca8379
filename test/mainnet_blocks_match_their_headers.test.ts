import { readdirSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { checkAgainstHeader } from '../src/headerCheck.js'

const MAINNET = new URL('../fixtures/mainnet/', import.meta.url).pathname
const blocks = readdirSync(MAINNET).sort((a, b) => Number(a) - Number(b))

describe('the sequential reference on the vendored mainnet blocks', () => {
  it('has all 50 blocks', () => {
    expect(blocks).toHaveLength(50)
  })

  it.each(blocks)('block %s matches its header (gasUsed, logsBloom, receiptsRoot from Byzantium)', async (block) => {
    const input = loadBlockInput(MAINNET + block)
    const execution = await executeSequential(input)
    const check = checkAgainstHeader(input.parsed.block, execution)
    expect(check.computed.gasUsed).toBe(check.expected.gasUsed)
    expect(check.computed.logsBloom).toBe(check.expected.logsBloom)
    if (check.match.receiptsRoot !== null) expect(check.computed.receiptsRoot).toBe(check.expected.receiptsRoot)
    else expect(input.parsed.block.header.number).toBeLessThan(4_370_000n)
    expect(execution.outcomes.filter((outcome) => outcome.kind === 'invalid')).toEqual([])
    expect(check.ok).toBe(true)
  })
})
