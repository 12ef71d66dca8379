/**
 * What adversarial hints cost the real engine: per block, unhinted against
 * adversarial hints followed under the trust monitor and followed blindly,
 * alternating in one process (median of K execution-only runs each; every
 * run checked against the sequential reference).
 *
 *   node dist/bench/hints/adversarialCost.js [--repeat K] [--workers N] [--kind everything|cycle|reversed] [blockDir…]
 */
import type { BlockExecution } from '../../executor/blockExecution.js'
import { loadBlockInput } from '../../executor/blockInput.js'
import { type ParallelOptions, executeParallel } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { median } from '../../src/shared/stats.js'
import { endProgress, mainnetBlockDirs, progress } from '../mainnetFixtures.js'
import { formatTable } from '../table.js'
import { type AdversarialKind, adversarialHints } from './adversarialHints.js'

const SIDES = ['unhinted', 'monitor', 'always'] as const

async function main(argv: readonly string[]): Promise<number> {
  const value = (flag: string, fallback: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1]! : fallback)
  const repeat = Number(value('--repeat', '3'))
  const workers = Number(value('--workers', '2'))
  const kind = value('--kind', 'everything') as AdversarialKind
  const dirs = argv.filter((arg, i) => !arg.startsWith('--') && !['--repeat', '--workers', '--kind'].includes(argv[i - 1] ?? ''))
  const rows: (string | number)[][] = []
  let worst = { ratio: 0, block: '' }
  let correct = true
  try {
    for (const dir of dirs.length > 0 ? dirs : mainnetBlockDirs()) {
      const input = loadBlockInput(dir)
      if (input.parsed.block.transactions.length === 0) continue
      const name = dir.split('/').pop()!
      progress(`${name}`)
      const reference = await executeSequential(input, { recordAccesses: true })
      const options: Record<(typeof SIDES)[number], ParallelOptions> = {
        unhinted: { workers, senderChains: false },
        monitor: { workers, senderChains: false, hints: adversarialHints(kind, reference.accesses!, 'monitor') },
        always: { workers, senderChains: false, hints: adversarialHints(kind, reference.accesses!, 'always') },
      }
      const run = async (side: (typeof SIDES)[number]) => {
        const execution: BlockExecution = await executeParallel(input, { ...options[side], senderRecovery: 'precomputed' })
        correct &&= execution.gasUsed === reference.gasUsed && Buffer.from(execution.receiptsRoot).equals(Buffer.from(reference.receiptsRoot))
        return execution
      }
      for (const side of SIDES) await run(side) // warm-up
      const times = { unhinted: [] as number[], monitor: [] as number[], always: [] as number[] }
      let trust: unknown
      for (let k = 0; k < repeat; k++) {
        for (const side of k % 2 === 0 ? SIDES : [...SIDES].reverse()) {
          const execution = await run(side)
          times[side].push(execution.ms)
          if (side === 'monitor') trust = execution.stats.hintTrust
        }
      }
      const [u, m, a] = SIDES.map((side) => median(times[side]))
      if (m! / u! > worst.ratio) worst = { ratio: m! / u!, block: name }
      const t = trust as { distrusted: string; revokedAfter: number } | undefined
      rows.push([name, input.parsed.block.transactions.length, u!.toFixed(1), m!.toFixed(1), a!.toFixed(1), `${((m! / u! - 1) * 100).toFixed(0)}%`, `${((a! / u! - 1) * 100).toFixed(0)}%`, t === undefined ? '' : `${t.distrusted} after ${t.revokedAfter}`])
    }
  } finally {
    await closeWorkerPool()
    endProgress()
  }
  console.log(formatTable(['block', 'txs', 'unhinted ms', 'monitor ms', 'blind ms', 'monitor Δ', 'blind Δ', 'verdict'], rows))
  console.log(`\n${kind} hints, ${workers} workers, median of ${repeat} alternating runs (execution only, measured under whatever load the machine has); worst monitored: ${worst.block} ${((worst.ratio - 1) * 100).toFixed(0)}%; results ${correct ? 'all equal to the reference' : 'DIFFER'}`)
  return correct ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
