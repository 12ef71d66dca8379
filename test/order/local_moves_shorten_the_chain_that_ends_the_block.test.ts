/**
 * The local improvement of a block order (src/order/improveOrder.ts over
 * orderModel.ts): a four-transaction chain of one sender that comes after
 * twelve independent transactions ends the 8-worker block-order schedule at
 * 5; moving the chain's head forward brings it to 4 (the chain itself),
 * without ever reordering the sender's transactions. The order model's
 * graph of a new order is the dependency graph of that order. A reader of
 * lazy credits (the beneficiary's balance after every fee) is freed by
 * putting it first, with its sender's earlier transactions.
 */
import { describe, expect, it } from 'vitest'

import { buildDependencyGraph } from '../../analyzer/graph/dependencyGraph.js'
import { mergeAccesses } from '../../analyzer/graph/mergedAccesses.js'
import type { SourcePredictions, TxPrediction } from '../../analyzer/prediction.js'
import type { AnalyzedTx } from '../../analyzer/transaction.js'
import { creditReadersFirst, improveOrder } from '../../src/order/improveOrder.js'
import { orderModel } from '../../src/order/orderModel.js'
import { type LocationKey, addressChars, balanceKey, storageKey } from '../../src/shared/locations.js'

const address = (byte: number) => new Uint8Array(20).fill(byte)
const slot = (byte: number) => new Uint8Array(32).fill(byte)
const CONTRACT = address(0xcc)

/** Tx k: sender k (12..15 share sender 0xee), reading and writing the given slots of CONTRACT. */
function block(accesses: readonly { reads: number[]; writes: number[] }[]) {
  const from = (k: number) => (k >= 12 ? address(0xee) : address(k + 1))
  const txs = accesses.map((_, index): AnalyzedTx => ({ index, from: from(index), to: CONTRACT, nonce: BigInt(index), value: 0n, data: new Uint8Array(), gasLimit: 21_000n, accessList: [] }))
  const keys = (slots: number[]) => new Set<LocationKey>(slots.map((s) => storageKey(CONTRACT, slot(s))))
  const predictions = accesses.map((a, k): TxPrediction => ({ reads: new Set([...keys(a.reads), balanceKey(from(k))]), writes: keys(a.writes), coarse: [], confidence: 'likely' }))
  const sources: SourcePredictions[] = [{ source: 'test', predictions, ms: 0 }]
  return { txs, sources, gas: accesses.map(() => 1), senders: txs.map((tx) => addressChars(tx.from)) }
}

const independent = Array.from({ length: 12 }, (_, k) => ({ reads: [100 + k], writes: [100 + k] }))
const lateChain = block([...independent, { reads: [], writes: [1] }, { reads: [1], writes: [2] }, { reads: [2], writes: [3] }, { reads: [3], writes: [] }])
const identity = Array.from({ length: 16 }, (_, k) => k)

describe('local moves along the critical chain', () => {
  it('bring a late chain forward: 8-worker makespan 5 → 4, the sender\'s order kept', () => {
    const model = orderModel(lateChain)
    expect(model.scheduleOf(identity, 8).schedule.makespan).toBe(5)
    const improved = improveOrder(model, identity, { workers: 8, senders: lateChain.senders, maxEvaluations: 100 })
    expect(improved.makespan).toBe(4)
    expect(model.scheduleOf(improved.order, 8).schedule.makespan).toBe(4)
    expect([...improved.order].sort((a, b) => a - b)).toEqual(identity)
    const chainPositions = [12, 13, 14, 15].map((tx) => improved.order.indexOf(tx))
    expect(chainPositions).toEqual([...chainPositions].sort((a, b) => a - b))
  })

  it('never returns an order worse than the one it starts from, and stops within its budget', () => {
    const model = orderModel(lateChain)
    const reversedIndependents = [...identity.slice(0, 12).reverse(), 12, 13, 14, 15]
    for (const start of [identity, reversedIndependents]) {
      const before = model.scheduleOf(start, 8).schedule.makespan
      const improved = improveOrder(model, start, { workers: 8, senders: lateChain.senders, maxEvaluations: 3 })
      expect(improved.evaluations).toBeLessThanOrEqual(3)
      expect(improved.makespan).toBeLessThanOrEqual(before)
    }
  })

  it('sees the same edges as the dependency graph of the reordered block', () => {
    const model = orderModel(lateChain)
    const order = [13, 15, 0, 12, 14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    const reordered = lateChain.sources.map((s) => ({ ...s, predictions: order.map((tx) => s.predictions[tx]!) }))
    const graph = buildDependencyGraph(mergeAccesses(16, reordered), order.map(() => 1))
    const edges = (successors: readonly (readonly number[])[]) => successors.flatMap((targets, from) => targets.map((to) => `${from}→${to}`)).sort()
    expect(edges(model.graphOf(order).successors)).toEqual(edges(Array.from({ length: 16 }, (_, k) => graph.outNeighbors(String(k)).map(Number))))
    expect(edges(model.graphOf(order).successors).length).toBeGreaterThan(0)
  })
})

describe('readers of lazy credits', () => {
  // Txs 0..5 each credit the beneficiary (a fee); tx 6 and tx 7 (one sender) read its balance.
  const beneficiary = balanceKey(address(0xbe))
  const from = (k: number) => (k >= 6 ? address(0xee) : address(k + 1))
  const txs = Array.from({ length: 8 }, (_, index): AnalyzedTx => ({ index, from: from(index), to: CONTRACT, nonce: BigInt(index), value: 0n, data: new Uint8Array(), gasLimit: 21_000n, accessList: [] }))
  const predictions = txs.map((_, k): TxPrediction => ({ reads: new Set(k >= 6 ? [beneficiary] : []), writes: new Set(), credits: new Set(k < 6 ? [beneficiary] : []), coarse: [], confidence: 'likely' }))
  const block = { txs, sources: [{ source: 'test', predictions, ms: 0 }], gas: txs.map(() => 1) }
  const senders = txs.map((tx) => addressChars(tx.from))

  it('depend on every earlier credit; first, with their sender\'s order kept, on none', () => {
    const model = orderModel(block)
    expect([...model.creditReaders]).toEqual([6, 7])
    const identity = Array.from({ length: 8 }, (_, k) => k)
    expect(model.graphOf(identity).predecessors[6]).toEqual([0, 1, 2, 3, 4, 5])
    expect(model.graphOf(identity).predecessors[7]).toEqual([0, 1, 2, 3, 4, 5])
    const first = creditReadersFirst(identity, model.creditReaders, senders)
    expect(first).toEqual([6, 7, 0, 1, 2, 3, 4, 5])
    expect(model.graphOf(first).predecessors.every((list) => list.length === 0)).toBe(true)
    expect(model.scheduleOf(first, 8).schedule.makespan).toBe(1)
    expect(model.scheduleOf(identity, 8).schedule.makespan).toBe(2)
  })
})
