/**
 * `npm run bench:par` (= `pevm bench` over the mainnet fixtures): sequential
 * reference vs parallel engine, same process, alternating.
 *
 *   node dist/bench/parallel.js [--workers N] [--repeat K] [--warm-pass] [--json] [blockDir…]
 *
 * `--warm-pass` first runs every block once on each engine, both modes,
 * unmeasured: the steady state of a node that has been executing blocks for a
 * while. Without it (the default, and the method of every earlier figure) the
 * oldest blocks are measured while both engines' code is still being
 * optimised, which costs the parallel engine more (its workers run more code
 * per transaction, each function warming separately in each worker thread).
 */
import { executeParallel } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { geomean } from '../src/shared/stats.js'
import { type Comparison, compareEngines } from './compareEngines.js'
import { endProgress, loadMainnetBlocks, mainnetBlockDirs, progress } from './mainnetFixtures.js'
import { formatTable } from './table.js'
import { collectGarbage } from './collectGarbage.js'

/** "Post-2020": blocks from the first block of 2020 (9,193,266) on. */
export const FIRST_BLOCK_OF_2020 = 9_193_266

export async function benchParallel(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(
      [
        'usage: npm run bench:par -- [--workers N] [--repeat K] [--warm-pass] [--json] [blockDir…]',
        'Sequential vs parallel on the mainnet fixtures (or the given block directories), alternating in one process.',
        '  --warm-pass  run every block once on both engines, unmeasured, before measuring (a warm node\'s steady state)',
      ].join('\n'),
    )
    return 0
  }
  const value = (flag: string, fallback: number) => {
    const at = argv.indexOf(flag)
    const parsed = at >= 0 ? Number(argv[at + 1]) : fallback
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} takes a whole number ≥ 1`)
    return parsed
  }
  const workers = value('--workers', 2)
  const repeat = value('--repeat', 3)
  const dirs = argv.filter((arg, i) => !arg.startsWith('--') && !['--workers', '--repeat'].includes(argv[i - 1] ?? ''))
  const blockDirs = dirs.length > 0 ? dirs : mainnetBlockDirs()
  const rows: Comparison[] = []
  try {
    if (argv.includes('--warm-pass')) await warmPass(blockDirs, workers)
    // One block in memory at a time, after a full GC: the reference runs on this thread, and every
    // block kept loaded would make its major GCs slower than the workers' (flattering the engine).
    for (const [i, dir] of blockDirs.entries()) {
      collectGarbage()
      const input = loadMainnetBlocks([dir])[0]!.input
      if (input.parsed.block.transactions.length === 0) continue
      rows.push(await compareEngines(dir, input, { workers, repeat, label: `block ${i + 1}/${blockDirs.length}` }))
    }
  } finally {
    await closeWorkerPool()
  }
  endProgress()
  const summary = summarize(rows)
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ workers, repeat, warmPass: argv.includes('--warm-pass'), rows, summary }, null, 1))
  } else {
    console.log(
      formatTable(
        ['block', 'txs', 'Mgas', 'seq ms', 'par ms', 'speedup', 'exec-only', 'seq Mgas/s', 'par Mgas/s', 're-exec', 'aborts', 'executeBlock runs', 'fallback'],
        rows.map((r) => [
          r.block, r.txs, (r.gas / 1e6).toFixed(2), r.sequentialMs.toFixed(1), r.parallelMs.toFixed(1), `${r.speedup.toFixed(2)}×`,
          `${r.speedupExecutionOnly.toFixed(2)}×`, r.sequentialMgasPerSec.toFixed(1), r.parallelMgasPerSec.toFixed(1), r.reExecutions,
          r.validationAborts + r.dependencyAborts,
          r.engineChoiceRule === undefined ? 'the engine' : `sequential ${(r.sequentialMs / r.chosenMs).toFixed(2)}× (${r.engineChoiceRule === 'one-sender chain' ? 'chain' : 'small'})`,
          r.fallbacks > 0 ? r.fallbackReason ?? 'yes' : '',
        ]),
      ),
    )
    console.log(`\n${workers} workers, median of ${repeat} (more on blocks of a few ms) alternating runs per block${argv.includes('--warm-pass') ? ', after a warm pass over every block' : ''}:`)
    for (const [label, value] of Object.entries(summary)) console.log(`  ${label}: ${value}`)
  }
  return rows.every((row) => row.correct) ? 0 : 1
}

/** Every block once on each engine and in each mode, one block in memory at a time, nothing measured. */
async function warmPass(blockDirs: readonly string[], workers: number): Promise<void> {
  for (const [i, dir] of blockDirs.entries()) {
    progress(`warm pass: block ${i + 1}/${blockDirs.length}`)
    const input = loadMainnetBlocks([dir])[0]!.input
    for (const senderRecovery of ['recover', 'precomputed'] as const) {
      await executeSequential(input, { senderRecovery })
      await executeParallel(input, { workers, senderRecovery })
    }
  }
}

export function summarize(rows: readonly Comparison[]): Record<string, string> {
  const post2020 = rows.filter((row) => row.block >= FIRST_BLOCK_OF_2020)
  const g = (list: readonly Comparison[], pick: (row: Comparison) => number) => (list.length === 0 ? 'n/a' : `${geomean(list.map(pick)).toFixed(2)}×`)
  return {
    'geomean speedup, all blocks (end-to-end)': g(rows, (row) => row.speedup),
    'geomean speedup, all blocks (execution only)': g(rows, (row) => row.speedupExecutionOnly),
    [`geomean speedup, ${post2020.length} post-2020 blocks (end-to-end)`]: g(post2020, (row) => row.speedup),
    [`geomean speedup, post-2020 blocks (execution only)`]: g(post2020, (row) => row.speedupExecutionOnly),
    [`as executeBlock runs it (${rows.filter((row) => row.engineChosenBecause !== undefined).length} blocks on the sequential reference), all blocks (end-to-end)`]: g(rows, (row) => row.sequentialMs / row.chosenMs),
    'as executeBlock runs it, all blocks (execution only)': g(rows, (row) => row.sequentialExecMs / row.chosenExecMs),
    'as executeBlock runs it, post-2020 blocks (end-to-end)': g(post2020, (row) => row.sequentialMs / row.chosenMs),
    'as executeBlock runs it, post-2020 blocks (execution only)': g(post2020, (row) => row.sequentialExecMs / row.chosenExecMs),
    're-executions / transactions': `${rows.reduce((s, r) => s + r.reExecutions, 0)} / ${rows.reduce((s, r) => s + r.txs, 0)}`,
    fallbacks: String(rows.reduce((s, r) => s + r.fallbacks, 0)),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await benchParallel(process.argv.slice(2))
}
