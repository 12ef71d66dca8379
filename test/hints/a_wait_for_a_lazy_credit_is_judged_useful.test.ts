/**
 * The trust monitor judges a start-dependency wait by what the waiter then
 * read (scheduler/hintTrust.ts). A read of the beneficiary's balance after
 * fees finds no VALUE entry (its origin is the pre-block state) but sums the
 * DELTAs of the lazy credits below it: a wait for a transaction that added
 * one of them let the reader see it, so the wait was useful. A wait for a
 * transaction that credited nothing there was not.
 */
import { describe, expect, it } from 'vitest'

import { HintTrust } from '../../scheduler/hintTrust.js'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { ReadSet } from '../../scheduler/readSet.js'
import { WriteSet } from '../../scheduler/writeSet.js'
import { balanceKey } from '../../src/shared/locations.js'
import type { Incarnation, TxIndex } from '../../src/shared/types.js'

const beneficiary = balanceKey(new Uint8Array(20).fill(0xc0))
const version = (tx: number) => ({ tx: tx as TxIndex, incarnation: 0 as Incarnation })
const amount = (value: number) => {
  const word = new Uint8Array(32)
  new DataView(word.buffer).setUint32(28, value)
  return word
}

describe('judging start waits on lazy credits', () => {
  it('a reader of the credited sum waited usefully for a creditor, uselessly for a transaction that credited nothing', () => {
    const trust = HintTrust.create(4)
    const mv = MVMemory.create({ txCount: 4, trust })
    for (const tx of [0, 1]) {
      const credit = new WriteSet()
      credit.addDelta(beneficiary, amount(5))
      mv.record(version(tx), new ReadSet(), credit)
    }
    const readSum = (tx: number, waitedOn: number) => {
      trust.noteStartWait(tx, waitedOn)
      const reads = new ReadSet()
      const outcome = mv.read(beneficiary, tx)
      expect(outcome.kind).toBe('base')
      reads.add(outcome)
      mv.record(version(tx), reads, new WriteSet())
    }
    readSum(2, 1) // tx 1 credited: the wait let tx 2 see it
    expect(trust.report()).toMatchObject({ startJudged: 1, startUseful: 1 })
    readSum(3, 2) // tx 2 credited nothing
    expect(trust.report()).toMatchObject({ startJudged: 2, startUseful: 1 })
  })
})
