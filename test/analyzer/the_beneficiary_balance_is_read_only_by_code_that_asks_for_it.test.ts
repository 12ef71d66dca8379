/**
 * The beneficiary as the engine sees it (analyzer/feeLocations.ts): fees and
 * value sent to it are lazy credits that read nothing, so transfers to the
 * coinbase do not depend on each other; code doing `block.coinbase.balance`
 * really reads it, and so depends on every earlier credit (every earlier
 * fee). On the generated beneficiary block (every third transaction pays the
 * coinbase, every third calls CoinbaseReader.look()): the bytecode pass finds
 * the read, the graph has an edge from every earlier transaction to each
 * reader and none between payments, and the scheduling hints keep only the
 * nearest credits as start dependencies and leave them out of the worker
 * count.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { type CodeFacts, addInstruction, emptyCodeFacts } from '../../analyzer/bytecode/codeFacts.js'
import { instructions } from '../../analyzer/bytecode/opcodes.js'
import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { loadAnalysisInput } from '../../analyzer/input/analysisInput.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import { familyNamed, generateBlock } from '../../bench/generators/families.js'
import { analyze } from '../../src/analyze.js'
import { CREDIT_START_DEPENDENCIES, scheduleFromAnalysis } from '../../src/hints/schedulingHints.js'

function factsOf(...bytes: number[]): CodeFacts {
  const facts = emptyCodeFacts()
  for (const instruction of instructions(Uint8Array.from(bytes))) addInstruction(facts, instruction)
  return facts
}

const COINBASE = 0x41
const BALANCE = 0x31
const SELFBALANCE = 0x47

describe('the bytecode pass', () => {
  it('sees block.coinbase.balance with or without the address mask, and nothing else', () => {
    expect(factsOf(COINBASE, BALANCE).readsCoinbaseBalance).toBe(true)
    expect(factsOf(COINBASE, 0x73, ...new Array(20).fill(0xff), 0x16, BALANCE).readsCoinbaseBalance).toBe(true)
    expect(factsOf(COINBASE, 0x50, 0x30, BALANCE).readsCoinbaseBalance).toBe(false) // COINBASE POP ADDRESS BALANCE
    expect(factsOf(0x30, BALANCE).readsCoinbaseBalance).toBe(false)
    const self = factsOf(SELFBALANCE)
    expect([self.readsBalance, self.readsCoinbaseBalance]).toEqual([true, false])
  })
})

describe('the generated beneficiary block', async () => {
  const { dir } = await generateBlock(familyNamed('beneficiary'), 30, 1, mkdtempSync(join(tmpdir(), 'pevm-beneficiary-')))
  const input = loadAnalysisInput(dir)
  const analysis = await analyze(input.txs, input.preState, { sources: sourcesFromSpec('static', { summaries: new SummaryCache() }), coinbase: input.coinbase })
  const edges = analysis.graph.edges().map((edge) => [Number(analysis.graph.source(edge)), Number(analysis.graph.target(edge))] as const)
  const readers = [...new Set(edges.map(([, to]) => to))].sort((a, b) => a - b)

  it('makes each look() depend on every earlier transaction, and payments on nothing', () => {
    expect(readers).toEqual(Array.from({ length: 10 }, (_, k) => 3 * k + 1))
    for (const reader of readers) {
      expect(edges.filter(([, to]) => to === reader).map(([from]) => from).sort((a, b) => a - b)).toEqual(Array.from({ length: reader }, (_, k) => k))
    }
    analysis.graph.forEachEdge((_, edge) => expect(edge.onlyCredits).toBe(true))
  })

  it('seeds only the nearest credits as start dependencies, and does not call the block a chain', () => {
    const schedule = scheduleFromAnalysis(analysis, 8)
    for (const reader of readers) {
      const after = schedule.hints.startAfter!.filter(([tx]) => tx === reader).map(([, blocker]) => blocker).sort((a, b) => a - b)
      const nearest = Array.from({ length: Math.min(reader, CREDIT_START_DEPENDENCIES) }, (_, k) => reader - Math.min(reader, CREDIT_START_DEPENDENCIES) + k)
      expect(after).toEqual(nearest)
    }
    expect(schedule.workers).toBe(8)
    const maxGas = Math.max(...analysis.gas)
    expect(schedule.work.criticalPath).toBe(maxGas)
  })
})
