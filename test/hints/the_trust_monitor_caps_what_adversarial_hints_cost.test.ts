/**
 * Hints are advice: the trust monitor (scheduler/hintTrust.ts) must notice
 * when they fail and stop following them, so that adversarial hints cost
 * bounded time; right hints must keep its trust. Played in the simulator
 * (virtual time, the real Scheduler and MVMemory), on 200 independent
 * transactions and on a hot counter, at 8 virtual workers.
 */
import { describe, expect, it } from 'vitest'

import { distrustReason, MIN_PREMARK_JUDGED, MIN_START_JUDGED } from '../../scheduler/hintTrust.js'
import { type SimulationHints, simulate } from '../../scheduler/simulator/simulator.js'
import { compareFinalValues, serialExecute, type ToyBlock } from '../../scheduler/simulator/toyBlock.js'
import { toyWorkloads } from '../../scheduler/simulator/toyWorkloads.js'
import type { LocationKey } from '../../src/shared/locations.js'

const WORKERS = 8
const workloads = toyWorkloads({ txs: 200, cost: 1000, seed: 3 })
const independent = workloads.find((w) => w.name === 'independent')!.block
const hot = workloads.find((w) => w.name === 'hot 50% read-modify-write')!.block

/** Every transaction after every earlier one (within a budget), and estimating every location the block touches. */
function everything(block: ToyBlock): SimulationHints {
  const n = block.transactions.length
  const touched = [...new Set(block.transactions.flatMap((t) => [...t.reads, ...t.writes]))] as LocationKey[]
  const startDependencies: { tx: number; after: number }[] = []
  for (let tx = 1; tx < n; tx++) for (let after = Math.max(0, tx - 8); after < tx; after++) startDependencies.push({ tx, after })
  return { startDependencies, estimates: Array.from({ length: n }, (_, tx) => touched.map((location) => ({ tx, location }))).flat() }
}

/** The true dependencies: each reader after the last earlier writer of what it reads. */
function rightHints(block: ToyBlock): SimulationHints {
  const lastWriter = new Map<LocationKey, number>()
  const startDependencies: { tx: number; after: number }[] = []
  const estimates: { tx: number; location: LocationKey }[] = []
  block.transactions.forEach((t, tx) => {
    for (const key of t.reads) {
      const writer = lastWriter.get(key)
      if (writer !== undefined) startDependencies.push({ tx, after: writer })
    }
    for (const key of t.writes) {
      lastWriter.set(key, tx)
      estimates.push({ tx, location: key })
    }
  })
  return { startDependencies, estimates }
}

function run(block: ToyBlock, hints: SimulationHints | undefined, trust: 'monitor' | 'always' | undefined) {
  const report = simulate(block, { workers: WORKERS, seed: 7, hints, trust })
  expect(compareFinalValues(serialExecute(block), report.finalValues)).toBeNull()
  return report
}

describe('the trust policy', () => {
  it('needs enough evidence, then revokes on mostly useless waits or mostly unwritten estimates', () => {
    const none = { startJudged: 0, startUseful: 0, premarkJudged: 0, premarkHits: 0 }
    expect(distrustReason(none)).toBe('none')
    expect(distrustReason({ ...none, startJudged: MIN_START_JUDGED - 1 })).toBe('none')
    expect(distrustReason({ ...none, startJudged: MIN_START_JUDGED, startUseful: 1 })).toBe('useless-start-dependencies')
    expect(distrustReason({ ...none, startJudged: MIN_START_JUDGED, startUseful: MIN_START_JUDGED / 2 })).toBe('none')
    expect(distrustReason({ ...none, premarkJudged: MIN_PREMARK_JUDGED, premarkHits: 3 })).toBe('unwritten-estimates')
    expect(distrustReason({ ...none, premarkJudged: MIN_PREMARK_JUDGED, premarkHits: MIN_PREMARK_JUDGED / 4 })).toBe('none')
  })
})

describe('adversarial hints at 8 virtual workers', () => {
  it('on independent transactions: trusted blindly they serialise the block; the monitor revokes them and caps the cost', () => {
    const unhinted = run(independent, undefined, undefined)
    const blind = run(independent, everything(independent), 'always')
    const monitored = run(independent, everything(independent), 'monitor')
    expect(blind.trust?.distrusted).toBe('none')
    expect(monitored.trust?.distrusted).not.toBe('none')
    // Blind trust: close to sequential. Monitored: within 25% of no hints at all.
    expect(blind.makespan).toBeGreaterThan(3 * unhinted.makespan)
    expect(monitored.makespan).toBeLessThan(1.25 * unhinted.makespan)
    console.log(`independent: unhinted ${Math.round(unhinted.makespan)} µs, adversarial trusted ${Math.round(blind.makespan)} µs, monitored ${Math.round(monitored.makespan)} µs (revoked after ${monitored.trust?.revokedAfter} judged hints)`)
  })

  it('on a hot counter: the monitor keeps right hints (and their gain) but revokes adversarial ones', () => {
    const unhinted = run(hot, undefined, undefined)
    const right = run(hot, rightHints(hot), 'monitor')
    const adversarial = run(hot, everything(hot), 'monitor')
    expect(right.trust?.distrusted).toBe('none')
    expect(right.reExecutions).toBeLessThan(unhinted.reExecutions / 10)
    expect(adversarial.trust?.distrusted).not.toBe('none')
    expect(adversarial.makespan).toBeLessThan(1.25 * unhinted.makespan)
    console.log(`hot counter: unhinted ${Math.round(unhinted.makespan)} µs / ${unhinted.reExecutions} re-executions, right ${Math.round(right.makespan)} µs / ${right.reExecutions}, adversarial monitored ${Math.round(adversarial.makespan)} µs`)
  })
})
