import { DirectedGraph } from 'graphology'
import { describe, expect, it } from 'vitest'

import type { DependencyEdge, DependencyGraph, TxNode } from '../../analyzer/graph/dependencyGraph.js'
import { bound, graphMetrics } from '../../analyzer/graph/graphMetrics.js'

function graph(gas: number[], edges: [number, number][]): DependencyGraph {
  const g = new DirectedGraph<TxNode, DependencyEdge>()
  gas.forEach((weight, index) => g.addNode(String(index), { index, gas: weight }))
  for (const [from, to] of edges) g.addDirectedEdge(String(from), String(to), { locations: [], coarse: [], declared: true, onlyCredits: false, sources: ['test'], confidence: 'certain' })
  return g
}

describe('graph metrics', () => {
  it('a chain: the critical path is everything, no speedup', () => {
    const metrics = graphMetrics(graph([10, 20, 30], [[0, 1], [1, 2]]))
    expect(metrics).toMatchObject({ totalGas: 60, criticalPathGas: 60, criticalPath: [0, 1, 2], depth: 3, width: 1, components: 1, unboundedSpeedup: 1 })
    expect(metrics.speedupBound[4]).toBe(1)
  })

  it('independent transactions: the heaviest one bounds the speedup', () => {
    const metrics = graphMetrics(graph([10, 10, 10, 30], []))
    expect(metrics).toMatchObject({ criticalPathGas: 30, criticalPath: [3], depth: 1, width: 4, components: 4, edges: 0 })
    expect(metrics.unboundedSpeedup).toBe(2)
    expect(metrics.speedupBound[2]).toBe(2)
    expect(metrics.speedupBound[32]).toBe(2)
  })

  it('a diamond: the critical path takes the heavier branch, gas-weighted', () => {
    const metrics = graphMetrics(graph([5, 50, 10, 5], [[0, 1], [0, 2], [1, 3], [2, 3]]))
    expect(metrics).toMatchObject({ criticalPathGas: 60, criticalPath: [0, 1, 3], depth: 3, width: 2, components: 1 })
  })

  it('two components, levels by the longest chain of dependencies', () => {
    const metrics = graphMetrics(graph([1, 1, 1, 1, 1], [[0, 2], [2, 4], [1, 3]]))
    expect(metrics).toMatchObject({ components: 2, depth: 3, width: 2, criticalPath: [0, 2, 4] })
  })

  it('the bound for W workers is total / max(critical path, total / W)', () => {
    expect(bound(100, 10, 4)).toBe(4)
    expect(bound(100, 50, 4)).toBe(2)
    expect(bound(100, 10, Infinity)).toBe(10)
    expect(bound(0, 0, 4)).toBe(1)
  })

  it('an empty block', () => {
    expect(graphMetrics(graph([], []))).toMatchObject({ transactions: 0, totalGas: 0, criticalPath: [], depth: 0, width: 0, components: 0, unboundedSpeedup: 1 })
  })
})
