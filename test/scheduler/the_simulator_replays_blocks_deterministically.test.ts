import { describe, expect, test } from 'vitest'
import { criticalPath } from '../../scheduler/simulator/criticalPath.js'
import { simulate } from '../../scheduler/simulator/simulator.js'
import { compareFinalValues, serialExecute, toyLocation, type ToyBlock } from '../../scheduler/simulator/toyBlock.js'
import { randomToyBlock } from '../../scheduler/testing/randomToyBlock.js'

const L = (n: number) => toyLocation(n)

describe('simulate', () => {
  test('the same seed gives the same run; the committed values equal serial execution for 1..32 workers', () => {
    const block = randomToyBlock(7)
    const serial = serialExecute(block)
    for (const workers of [1, 2, 4, 8, 16, 32]) {
      const a = simulate(block, { workers, seed: 3, jitter: 0.5 })
      const b = simulate(block, { workers, seed: 3, jitter: 0.5 })
      expect({ ...a, finalValues: null }).toEqual({ ...b, finalValues: null })
      expect(compareFinalValues(serial, a.finalValues)).toBeNull()
    }
  })

  test('reports makespan, work and idle time consistently', () => {
    const block: ToyBlock = { transactions: Array.from({ length: 8 }, (_, i) => ({ reads: [L(i)], writes: [L(i)], cost: 100 })), validationCost: 0 }
    const one = simulate(block, { workers: 1, schedulingCost: 0 })
    expect(one).toMatchObject({ makespan: 800, serialCost: 800, speedup: 1, executions: 8, reExecutions: 0, aborts: 0, idealSpeedup: 1 })
    const four = simulate(block, { workers: 4, schedulingCost: 0 })
    expect(four.makespan).toBe(200)
    expect(four.speedup).toBe(4)
    expect(four.idleTime).toEqual([0, 0, 0, 0])
    expect(four.busyTime.reduce((a, b) => a + b, 0)).toBe(800)
  })

  test('a conflicting pair costs a re-execution and shows up as an abort', () => {
    // tx 1 reads what tx 0 writes, and starts at the same time.
    const block: ToyBlock = { transactions: [{ reads: [], writes: [L(0)], cost: 100 }, { reads: [L(0)], writes: [L(1)], cost: 100 }], validationCost: 1 }
    const report = simulate(block, { workers: 2, schedulingCost: 0 })
    expect(report.executions).toBe(3)
    expect(report.aborts).toBe(1)
    expect(compareFinalValues(serialExecute(block), report.finalValues)).toBeNull()
  })

  test('with start dependencies, a dependent transaction waits instead of aborting', () => {
    const block: ToyBlock = { transactions: [{ reads: [], writes: [L(0)], cost: 100 }, { reads: [L(0)], writes: [L(1)], cost: 100 }], validationCost: 1 }
    const report = simulate(block, { workers: 2, schedulingCost: 0, hints: { startDependencies: [{ tx: 1, after: 0 }] } })
    expect(report.executions).toBe(2)
    expect(report.aborts).toBe(0)
    expect(report.startDependencyWaits).toBe(1)
    expect(compareFinalValues(serialExecute(block), report.finalValues)).toBeNull()
  })

  test('options are checked', () => {
    expect(() => simulate({ transactions: [] }, { workers: 0 })).toThrow(RangeError)
    expect(() => simulate({ transactions: [] }, { workers: 1, jitter: 2 })).toThrow(RangeError)
    expect(simulate({ transactions: [] }, { workers: 3, schedulingCost: 0 }).makespan).toBe(0)
  })
})

describe('criticalPath', () => {
  test('follows read-after-write chains; blind writes and deltas do not chain', () => {
    const chain: ToyBlock = { transactions: [0, 1, 2].map((i) => ({ reads: i === 0 ? [] : [L(i - 1)], writes: [L(i)], cost: 10 })) }
    expect(criticalPath(chain)).toBe(30)
    const blind: ToyBlock = { transactions: [0, 1, 2].map(() => ({ reads: [], writes: [L(0)], deltas: [L(1)], cost: 10 })) }
    expect(criticalPath(blind)).toBe(10)
    const readsDeltas: ToyBlock = { transactions: [...blind.transactions, { reads: [L(1)], writes: [], cost: 10 }] }
    expect(criticalPath(readsDeltas)).toBe(20)
    // With the simulator's timing, a read halfway lets the reader start halfway through its writer.
    expect(criticalPath(chain, { overlap: true })).toBe(20)
  })
})
