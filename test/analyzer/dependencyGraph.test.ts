import { describe, expect, it } from 'vitest'

import { buildDependencyGraph, type DependencyGraph } from '../../analyzer/graph/dependencyGraph.js'
import { mergeAccesses } from '../../analyzer/graph/mergedAccesses.js'
import type { SourcePredictions } from '../../analyzer/prediction.js'
import { LocationKind, describeLocation, kindOf } from '../../src/shared/locations.js'
import { source } from './support/predictions.js'

const A = '0xaaaa000000000000000000000000000000000001'
const B = '0xbbbb000000000000000000000000000000000002'
const X = '0x7070707070707070707070707070707070707070'
const slot = (n: number) => `storage(${X},0x${n.toString(16)})`

function graphOf(sources: SourcePredictions[], count = sources[0]!.predictions.length): DependencyGraph {
  return buildDependencyGraph(mergeAccesses(count, sources), Array.from({ length: count }, () => 21_000))
}

function edges(graph: DependencyGraph): string[] {
  return graph.mapEdges((_, __, source, target) => `${source}->${target}`).sort()
}

describe('the dependency graph', () => {
  it('links a read to the nearest earlier writer only', () => {
    const graph = graphOf([source('s', [{ writes: [slot(1)] }, { writes: [slot(1)] }, { reads: [slot(1)] }])])
    expect(edges(graph)).toEqual(['1->2'])
  })

  it('needs no edge for write after write, nor for a transaction reading what it writes itself', () => {
    const graph = graphOf([source('s', [{ writes: [slot(1)] }, { writes: [slot(1)] }, { reads: [slot(2)], writes: [slot(2)] }])])
    expect(edges(graph)).toEqual([])
  })

  it('labels edges with their locations, sources and the weaker side’s confidence', () => {
    const facts = source('facts', [{ writes: [`nonce(${A})`] }, { reads: [`nonce(${A})`] }], 'certain')
    const bytecode = source('bytecode', [{ writes: [slot(1)] }, { reads: [slot(1)] }], 'likely')
    const graph = graphOf([facts, bytecode])
    const edge = graph.getDirectedEdgeAttributes('0', '1')
    expect(edge.locations.map(describeLocation).sort()).toEqual([`nonce(${A})`, `storage(${X},0x${'0'.repeat(63)}1)`].sort())
    expect(edge.sources.sort()).toEqual(['bytecode', 'facts'])
    expect(edge.confidence).toBe('certain')
  })

  it('takes a read of one source and a write of another', () => {
    const graph = graphOf([source('writer', [{ writes: [slot(1)] }, {}]), source('reader', [{}, { reads: [slot(1)] }], 'possible')])
    expect(graph.getDirectedEdgeAttributes('0', '1')).toMatchObject({ sources: ['reader', 'writer'], confidence: 'possible' })
  })

  it('makes a coarse writer a possible writer of every slot: readers depend on it and on the exact writer before it', () => {
    const graph = graphOf([source('s', [{ writes: [slot(1)] }, { coarseWrites: [X] }, { reads: [slot(1)] }, { reads: [`storage(${B},0x1)`] }])])
    expect(edges(graph)).toEqual(['0->2', '1->2'])
    expect(graph.getDirectedEdgeAttributes('1', '2')).toMatchObject({ confidence: 'possible', locations: [] })
    expect(graph.getDirectedEdgeAttributes('0', '2').confidence).toBe('likely')
  })

  it('keeps the exact writer when a coarse writer came before it', () => {
    const graph = graphOf([source('s', [{ coarseWrites: [X] }, { writes: [slot(1)] }, { reads: [slot(1)] }])])
    expect(edges(graph)).toEqual(['1->2'])
  })

  it('makes a coarse reader depend on the latest writer of any slot of the contract', () => {
    const graph = graphOf([source('s', [{ writes: [slot(1)] }, { writes: [slot(2)] }, { writes: [`storage(${B},0x1)`] }, { coarseReads: [X] }])])
    expect(edges(graph)).toEqual(['1->3'])
  })

  it('turns declared dependencies into edges as they are', () => {
    const graph = graphOf([source('hints', [{}, {}, { dependsOn: [0, 1] }])])
    expect(edges(graph)).toEqual(['0->2', '1->2'])
    expect(graph.getDirectedEdgeAttributes('0', '2').declared).toBe(true)
  })

  it('weighs nodes by expected gas', () => {
    const graph = buildDependencyGraph(mergeAccesses(2, [source('s', [{}, {}])]), [21_000, 50_000])
    expect(graph.getNodeAttributes('1')).toEqual({ index: 1, gas: 50_000 })
  })

  it('can leave balances out (lazy ETH credits)', () => {
    const sources = [source('s', [{ writes: [`balance(${A})`, slot(1)] }, { reads: [`balance(${A})`] }, { reads: [slot(1)] }])]
    const graph = buildDependencyGraph(mergeAccesses(3, sources, (key) => kindOf(key) !== LocationKind.Balance), [1, 1, 1])
    expect(edges(graph)).toEqual(['0->2'])
  })
})
