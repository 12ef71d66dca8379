/**
 * The toy workloads of `node dist/scheduler/simulator/toyWorkloads.js`, on
 * 200 transactions so that the test stays fast: independent transactions and
 * DELTA hot spots scale with the workers; read-modify-write hot spots stop at
 * their critical path; a chain does not lose to sequential execution.
 */
import { expect, test } from 'vitest'
import { formatResults, runToyWorkloads } from '../../scheduler/simulator/toyWorkloads.js'

test('simulated speedups on the toy workloads', () => {
  const results = runToyWorkloads({ txs: 200, cost: 1000, seed: 1, jitter: 0 })
  const speedup = (name: string, workers: number) => {
    const result = results.find((r) => r.name === name)!
    return result.reports.find((r) => r.workers === workers)!.speedup
  }
  expect(speedup('independent', 8)).toBeGreaterThan(7)
  expect(speedup('independent', 32)).toBeGreaterThan(20)
  expect(speedup('hot 50% delta', 16)).toBeCloseTo(speedup('independent', 16), 5)
  expect(speedup('100% delta (beneficiary)', 32)).toBeCloseTo(speedup('independent', 32), 5)
  expect(speedup('hot 10% read-modify-write', 32)).toBeLessThan(10.5)
  expect(speedup('hot 50% read-modify-write', 32)).toBeLessThan(2.3)
  expect(speedup('hot 50% read-modify-write', 32)).toBeGreaterThan(1.5)
  expect(speedup('chain', 32)).toBeGreaterThan(0.9)
  for (const { reports } of results) for (const report of reports) expect(report.speedup).toBeLessThanOrEqual(report.overlapBound + 1e-9)
  expect(formatResults(results)).toContain('independent')
})
