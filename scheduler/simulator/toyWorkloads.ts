/**
 * Simulated speedups of Block-STM on toy workloads, for 1 to 32 virtual
 * workers. These are projections of the scheduler's behaviour (virtual time,
 * no real threads), not measurements.
 *
 *   npm run build && node dist/scheduler/simulator/toyWorkloads.js [--txs 1000] [--cost 1000] [--seed 1] [--jitter 0]
 *
 * Each workload has 1,000 transactions of about 1 ms (costs vary ±20%,
 * seeded), validation 20 µs, wake-up 25 µs, 0.5 µs per nextTask.
 */
import { pathToFileURL } from 'node:url'
import { Prng } from './prng.js'
import { simulate, type SimulationReport } from './simulator.js'
import { toyLocation, type ToyBlock, type ToyTransaction } from './toyBlock.js'

export interface ToyWorkload {
  readonly name: string
  readonly block: ToyBlock
}

export interface WorkloadParameters {
  readonly txs: number
  /** Mean execution cost in µs. */
  readonly cost: number
  readonly seed: number
}

/** The toy workloads: independent, chain, and a hot counter touched by 10% / 50% of transactions (read-modify-write or DELTA). */
export function toyWorkloads({ txs, cost, seed }: WorkloadParameters): ToyWorkload[] {
  const prng = new Prng(seed)
  const costs = Array.from({ length: txs }, () => cost * (0.8 + 0.4 * prng.next()))
  const own = (i: number) => toyLocation(1 + i) // a location only transaction i touches
  const counter = toyLocation(0)
  const validationCost = 20
  const make = (name: string, tx: (i: number) => Omit<ToyTransaction, 'cost'>): ToyWorkload => ({
    name,
    block: { validationCost, transactions: costs.map((c, i) => ({ ...tx(i), cost: c })) },
  })
  // Every k-th transaction touches the counter (k = 10 → 10%, k = 2 → 50%).
  const hot = (share: number, i: number) => Math.floor((i + 1) * share) !== Math.floor(i * share)
  return [
    make('independent', (i) => ({ reads: [own(i)], writes: [own(i)] })),
    make('chain', (i) => ({ reads: i === 0 ? [] : [own(i - 1)], writes: [own(i)] })),
    make('hot 10% read-modify-write', (i) => (hot(0.1, i) ? { reads: [own(i), counter], writes: [own(i), counter] } : { reads: [own(i)], writes: [own(i)] })),
    make('hot 50% read-modify-write', (i) => (hot(0.5, i) ? { reads: [own(i), counter], writes: [own(i), counter] } : { reads: [own(i)], writes: [own(i)] })),
    make('hot 10% delta', (i) => (hot(0.1, i) ? { reads: [own(i)], writes: [own(i)], deltas: [counter] } : { reads: [own(i)], writes: [own(i)] })),
    make('hot 50% delta', (i) => (hot(0.5, i) ? { reads: [own(i)], writes: [own(i)], deltas: [counter] } : { reads: [own(i)], writes: [own(i)] })),
    make('100% delta (beneficiary)', (i) => ({ reads: [own(i)], writes: [own(i)], deltas: [counter] })),
  ]
}

export const WORKER_COUNTS = [1, 2, 4, 8, 16, 32] as const

export interface WorkloadResult {
  readonly name: string
  readonly reports: readonly SimulationReport[]
}

export function runToyWorkloads(parameters: WorkloadParameters & { readonly jitter: number }): WorkloadResult[] {
  return toyWorkloads(parameters).map(({ name, block }) => ({
    name,
    reports: WORKER_COUNTS.map((workers) => simulate(block, { workers, seed: parameters.seed, jitter: parameters.jitter })),
  }))
}

export function formatResults(results: readonly WorkloadResult[]): string {
  const lines: string[] = []
  const header = ['workload'.padEnd(28), ...WORKER_COUNTS.map((w) => `${w}w`.padStart(13))].join('')
  lines.push('Simulated speedup over serial / ideal = serial / max(critical path, serial / workers)')
  lines.push(header)
  for (const { name, reports } of results) {
    const cells = reports.map((r) => `${r.speedup.toFixed(2)}/${r.idealSpeedup.toFixed(1)}`.padStart(13))
    lines.push([name.padEnd(28), ...cells].join(''))
  }
  lines.push('')
  lines.push('Work done with 32 workers (per 1,000 transactions)')
  lines.push(['workload'.padEnd(28), 'executions', ' validations', ' val.aborts', ' dep.aborts', ' idle%'].join(''))
  for (const { name, reports } of results) {
    const r = reports[reports.length - 1]!
    const idle = r.idleTime.reduce((a, b) => a + b, 0) / (r.makespan * r.workers)
    lines.push(
      [
        name.padEnd(28),
        String(r.executions).padStart(10),
        String(r.validations).padStart(12),
        String(r.validationAborts).padStart(11),
        String(r.dependencyAborts).padStart(11),
        (100 * idle).toFixed(0).padStart(6),
      ].join(''),
    )
  }
  return lines.join('\n')
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  if (at === -1) return fallback
  const value = Number(process.argv[at + 1])
  if (!Number.isFinite(value)) throw new RangeError(`--${name} takes a number`)
  return value
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const parameters = { txs: argument('txs', 1000), cost: argument('cost', 1000), seed: argument('seed', 1), jitter: argument('jitter', 0) }
  const started = performance.now()
  const results = runToyWorkloads(parameters)
  console.log(formatResults(results))
  console.log(`\n(${parameters.txs} txs, mean cost ${parameters.cost} µs, seed ${parameters.seed}, jitter ${parameters.jitter}; simulated in ${((performance.now() - started) / 1000).toFixed(1)} s)`)
}
