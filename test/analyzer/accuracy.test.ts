import { describe, expect, it } from 'vitest'

import { compareDependencies } from '../../analyzer/accuracy/dependencyAccuracy.js'
import { addTransaction, emptyLocationAccuracy } from '../../analyzer/accuracy/locationAccuracy.js'
import { buildDependencyGraph } from '../../analyzer/graph/dependencyGraph.js'
import { mergeAccesses } from '../../analyzer/graph/mergedAccesses.js'
import { prediction, source, type TxSpec } from './support/predictions.js'

const X = '0x7070707070707070707070707070707070707070'
const A = '0xaaaa000000000000000000000000000000000001'
const slot = (n: number) => `storage(${X},0x${n.toString(16)})`

function graph(specs: TxSpec[]) {
  return buildDependencyGraph(mergeAccesses(specs.length, [source('s', specs)]), specs.map(() => 1))
}

describe('accuracy against recorded accesses', () => {
  // Actual: 0 writes slot 1 and nonce(A); 1 writes slot 2; 2 reads slot 1 and slot 2; 3 reads nonce(A).
  const actualSpecs: TxSpec[] = [{ writes: [slot(1), `nonce(${A})`] }, { writes: [slot(2)] }, { reads: [slot(1), slot(2)] }, { reads: [`nonce(${A})`] }]
  const actual = graph(actualSpecs)
  const actualSets = actualSpecs.map((spec) => prediction(spec))

  it('counts direct recall, path recall, precision and conflict precision', () => {
    // Predicted: 0 → 2 (right), 1 → 3 (wrong), 3 reached from 0 only through 1 → 3 and 0 → 1.
    const predicted = graph([{ writes: [slot(1), slot(9)] }, { reads: [slot(9)], writes: [slot(8)] }, { reads: [slot(1)] }, { reads: [slot(8)] }])
    const counts = compareDependencies(predicted, actual, actualSets)
    expect(counts).toMatchObject({ actual: 3, predicted: 3, recalledDirect: 1, recalledPath: 2, correct: 1, conflicts: 1, storageActual: 2, storageRecalled: 1 })
  })

  it('compares locations per kind, crediting coarse predictions separately', () => {
    const accuracy = emptyLocationAccuracy()
    addTransaction(accuracy, prediction({ reads: [slot(1), `nonce(${A})`], coarseReads: [X] }), prediction({ reads: [slot(1), slot(2), `balance(${A})`] }))
    expect(accuracy.reads.storage).toEqual({ predicted: 1, actual: 2, hit: 1, coarseCovered: 1 })
    expect(accuracy.reads.nonce).toEqual({ predicted: 1, actual: 0, hit: 0, coarseCovered: 0 })
    expect(accuracy.reads.balance).toEqual({ predicted: 0, actual: 1, hit: 0, coarseCovered: 0 })
  })
})
