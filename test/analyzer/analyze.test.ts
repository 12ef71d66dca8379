import { describe, expect, it } from 'vitest'

import type { HintSource } from '../../analyzer/prediction.js'
import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import { transactionsFromRpc } from '../../analyzer/transactionsFromRpc.js'
import { analyze } from '../../src/analyze.js'
import { describeLocation } from '../../src/shared/locations.js'
import { source } from './support/predictions.js'
import { address, preState, tx } from './support/world.js'
import { smallBlock } from './support/mainnet.js'

const ALICE = '0xa11ce00000000000000000000000000000000001'
const BOB = '0xb0b0000000000000000000000000000000000002'
const MINER = '0x1111000000000000000000000000000000000009'

function fixed(name: string, specs: Parameters<typeof source>[1]): HintSource {
  return { name, predict: async () => [...source(name, specs).predictions] }
}

describe('analyze', () => {
  const state = preState({ [ALICE]: {}, [BOB]: {}, [MINER]: {} })
  const txs = [tx({ from: ALICE, to: BOB, index: 0 }), tx({ from: BOB, to: ALICE, index: 1 }), tx({ from: MINER, to: ALICE, index: 2 })]

  it("never predicts the beneficiary's fee locations, unless the transaction is its own: then it reads every earlier fee", async () => {
    const hints = fixed('hints', [{ writes: [`balance(${MINER})`] }, { reads: [`balance(${MINER})`] }, { reads: [`balance(${MINER})`], writes: [`nonce(${MINER})`] }])
    const analysis = await analyze(txs, state, { sources: [hints], coinbase: address(MINER) })
    const [first, second, third] = analysis.sources[0]!.predictions
    expect(first!.writes.size + second!.reads.size).toBe(0)
    expect([...third!.reads].map(describeLocation)).toEqual([`balance(${MINER})`])
    // The fees of 0 and 1 are lazy credits: no edge between them; the beneficiary's own transaction reads their sum.
    expect(analysis.graph.edges().map((edge) => `${analysis.graph.source(edge)}→${analysis.graph.target(edge)}`).sort()).toEqual(['0→2', '1→2'])
    analysis.graph.forEachEdge((_, edge) => expect(edge.onlyCredits).toBe(true))
  })

  it('combines sources into one graph whose edges say where they came from', async () => {
    const analysis = await analyze(txs, state, { sources: sourcesFromSpec('facts', { summaries: new SummaryCache() }) })
    expect(analysis.graph.mapEdges((_, edge, from, to) => `${from}->${to} ${edge.sources.join()} ${edge.confidence}`)).toEqual([
      '0->1 facts certain',
      '0->2 facts certain',
    ])
    expect(analysis.metrics).toMatchObject({ criticalPathGas: 42_000, totalGas: 63_000, width: 2 })
  })

  it('refuses a source that does not answer for every transaction', async () => {
    const broken: HintSource = { name: 'broken', predict: async () => [] }
    await expect(analyze(txs, state, { sources: [broken] })).rejects.toThrow('hint source broken answered for 0 of 3 transactions')
  })

  it('runs the static sources over a real block and finds its same-sender chain', async () => {
    const directory = smallBlock()
    const blockTxs = transactionsFromRpc(directory.block.transactions, 'block.json')
    const analysis = await analyze(blockTxs, directory.preState, { sources: sourcesFromSpec('static,accesslist', { summaries: new SummaryCache() }) })
    expect(analysis.sources.map((s) => s.source)).toEqual(['facts', 'bytecode', 'accesslist'])
    expect(analysis.graph.hasDirectedEdge('22', '23')).toBe(true)
    expect(analysis.graph.getDirectedEdgeAttributes('22', '23').confidence).toBe('certain')
  })
})

describe('--sources', () => {
  const env = { summaries: new SummaryCache() }

  it('expands static into facts and bytecode', () => {
    expect(sourcesFromSpec('static,accesslist,hints:h.json,bal:b.json', env).map((s) => s.name)).toEqual(['facts', 'bytecode', 'accesslist', 'hints:h.json', 'bal:b.json'])
  })

  it('rejects unknown or repeated sources, and simulate where nothing can execute', () => {
    expect(() => sourcesFromSpec('static,magic', env)).toThrow('--sources: unknown source "magic"')
    expect(() => sourcesFromSpec('facts,static', env)).toThrow('--sources names facts twice')
    expect(() => sourcesFromSpec('simulate', env)).toThrow('--sources simulate is not available here')
  })
})
