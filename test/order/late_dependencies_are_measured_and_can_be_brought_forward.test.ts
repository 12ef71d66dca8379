/**
 * Dependency lateness (analyzer/graph/dependencyLateness.ts) on a block whose
 * one hub transaction, which a chain of three others waits for, comes after
 * twelve independent ones: in block order its chain runs in the tail on
 * 8 workers; dependents first, the chain overlaps everything else.
 */
import { DirectedGraph } from 'graphology'
import { describe, expect, it } from 'vitest'

import type { DependencyEdge, DependencyGraph, TxNode } from '../../analyzer/graph/dependencyGraph.js'
import { dependencyLateness } from '../../analyzer/graph/dependencyLateness.js'
import { blockOrderSchedule, bottomLevels, dependentsFirstSchedule } from '../../analyzer/graph/listSchedule.js'
import { chooseWorkerCount } from '../../scheduler/workerChoice.js'

function graphOf(count: number, edges: readonly [number, number][]): DependencyGraph {
  const graph: DependencyGraph = new DirectedGraph<TxNode, DependencyEdge>()
  for (let index = 0; index < count; index++) graph.addNode(String(index), { index, gas: 1 })
  for (const [from, to] of edges) graph.addDirectedEdge(String(from), String(to), { locations: [], coarse: [], declared: true, onlyCredits: false, sources: ['test'], confidence: 'certain' })
  return graph
}

const lateHub = graphOf(16, [[12, 13], [13, 14], [14, 15]])

describe('dependency lateness', () => {
  it('is a fifth of the 8-worker speedup when a 4-long chain starts at index 12 of 16', () => {
    expect(blockOrderSchedule(lateHub, 8).makespan).toBe(5)
    expect(dependentsFirstSchedule(lateHub, 8).makespan).toBe(4)
    const lateness = dependencyLateness(lateHub, 8)
    expect(lateness.inBlockOrder).toBeCloseTo(16 / 5)
    expect(lateness.dependentsFirst).toBeCloseTo(16 / 4)
    expect(lateness.lateness).toBeCloseTo(0.2)
  })

  it('is zero when the chain already comes first', () => {
    expect(dependencyLateness(graphOf(16, [[0, 1], [1, 2], [2, 3]]), 8).lateness).toBe(0)
  })

  it('brings the hub forward in a start order that keeps every dependency', () => {
    const order = dependentsFirstSchedule(lateHub, 8).startOrder
    expect(order[0]).toBe(12)
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i))
    lateHub.forEachEdge((_, __, source, target) => expect(order.indexOf(Number(source))).toBeLessThan(order.indexOf(Number(target))))
    expect(bottomLevels(lateHub).slice(12)).toEqual([4, 3, 2, 1])
  })
})

describe('the worker count from the graph', () => {
  it('is one for a chain, all of them for a flat block, and four times total/critical path between', () => {
    expect(chooseWorkerCount({ totalWork: 100, criticalPath: 100, available: 8 })).toBe(1)
    expect(chooseWorkerCount({ totalWork: 100, criticalPath: 1, available: 8 })).toBe(8)
    expect(chooseWorkerCount({ totalWork: 100, criticalPath: 50, available: 32 })).toBe(8)
    expect(chooseWorkerCount({ totalWork: 100, criticalPath: 50, available: 2 })).toBe(2)
    expect(chooseWorkerCount({ totalWork: 0, criticalPath: 0, available: 2 })).toBe(2)
    expect(() => chooseWorkerCount({ totalWork: 1, criticalPath: 1, available: 0 })).toThrow(RangeError)
  })
})
