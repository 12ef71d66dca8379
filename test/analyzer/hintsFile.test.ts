import { describe, expect, it } from 'vitest'

import { parseHintsFile } from '../../analyzer/hints/hintsFile.js'
import { describeLocation } from '../../src/shared/locations.js'

const ALICE = '0xa11ce00000000000000000000000000000000001'
const file = 'hints.json'

function parse(transactions: unknown, extra: Record<string, unknown> = {}, txCount = 5) {
  return parseHintsFile({ format: 'pevm-hints/1', transactions, ...extra }, file, txCount)
}

describe('a hints file', () => {
  it('gives locations and dependencies per transaction', () => {
    const hints = parse([{ index: 0, writes: [`balance(${ALICE})`] }, { index: 3, reads: [`storage(${ALICE},0x1)`], dependsOn: [0, 2] }])
    expect(hints.confidence).toBe('likely')
    expect(hints.hints.map((hint) => hint.index)).toEqual([0, 3])
    expect(hints.hints[1]!.reads.map(describeLocation)).toEqual([`storage(${ALICE},0x${'0'.repeat(63)}1)`])
    expect(hints.hints[1]!.dependsOn).toEqual([0, 2])
  })

  it('takes a confidence for the whole file', () => {
    expect(parse([], { confidence: 'certain' }).confidence).toBe('certain')
    expect(() => parse([], { confidence: 'sure' })).toThrow(`${file}: "confidence" must be one of certain, likely, possible, got "sure"`)
  })

  it('rejects a file of another format', () => {
    expect(() => parseHintsFile({ transactions: [] }, file, 1)).toThrow(`${file}: "format" must be "pevm-hints/1", got undefined`)
  })

  it('rejects an index out of range, naming the entry', () => {
    expect(() => parse([{ index: 5 }])).toThrow(`${file}: transactions[0]: "index" must be a transaction index from 0 to 4, got 5`)
    expect(() => parse([{ index: -1 }])).toThrow('transactions[0]: "index" must be a transaction index')
    expect(() => parse([{ index: 1.5 }])).toThrow('transactions[0]: "index" must be a transaction index')
  })

  it('rejects entries out of order or repeated', () => {
    expect(() => parse([{ index: 2 }, { index: 1 }])).toThrow(`${file}: transactions[1]: index 1 is not above the previous entry's 2`)
    expect(() => parse([{ index: 2 }, { index: 2 }])).toThrow('transactions[1]: index 2 is not above')
  })

  it('rejects a dependency that is not strictly below the transaction', () => {
    expect(() => parse([{ index: 2, dependsOn: [2] }])).toThrow(
      `${file}: transactions[0] (tx 2).dependsOn[0]: a dependency must be an earlier transaction index (0 to 1), got 2`,
    )
    expect(() => parse([{ index: 0, dependsOn: [0] }])).toThrow('(tx 0).dependsOn[0]: a dependency must be an earlier transaction index')
  })

  it('rejects dependencies that are not strictly ascending', () => {
    expect(() => parse([{ index: 4, dependsOn: [3, 1] }])).toThrow(`${file}: transactions[0] (tx 4).dependsOn: dependencies must be strictly ascending, got [3,1]`)
    expect(() => parse([{ index: 4, dependsOn: [1, 1] }])).toThrow('dependencies must be strictly ascending')
  })

  it('rejects a malformed location, naming it', () => {
    expect(() => parse([{ index: 2, reads: ['storage(0x12)'] }])).toThrow(`${file}: transactions[0] (tx 2).reads[0]: not a location: "storage(0x12)"`)
    expect(() => parse([{ index: 2, writes: [`balance(${ALICE},0x1)`] }])).toThrow('(tx 2).writes[0]: balance location takes no slot')
    expect(() => parse([{ index: 2, writes: [42] }])).toThrow('(tx 2).writes[0]: expected a location string, got 42')
  })

  it('rejects unknown fields', () => {
    expect(() => parse([{ index: 1, deps: [0] }])).toThrow(`${file}: transactions[0]: unknown field "deps"`)
    expect(() => parse([], { version: 2 })).toThrow(`${file}: unknown field "version"`)
  })

  it('errors are InputErrors, which the CLI prints as one line', () => {
    expect(() => parse([{ index: 9 }])).toThrow(expect.objectContaining({ name: 'InputError' }))
  })
})
