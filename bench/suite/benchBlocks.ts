/**
 * `pevm bench <blockDir…>`: the suite over the given block directories,
 * printed as a table (or JSON), with geomeans. With --project, also the
 * calibrated simulator projections for 1–32 workers and their error against
 * the measured run.
 */
import { loadBlockInput } from '../../executor/blockInput.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { geomean } from '../../src/shared/stats.js'
import { endProgress, progress } from '../mainnetFixtures.js'
import { formatTable } from '../table.js'
import { type BlockResult, type SuiteBlock, type SuiteOptions, runSuite } from './benchSuite.js'
import { projectionHeaders, projectionRow, resultHeaders, resultRow } from './resultRows.js'

export async function benchBlocks(dirs: readonly string[], options: SuiteOptions & { json: boolean }): Promise<number> {
  // Every block loads once up front: bad input fails in one line before anything is measured (the suite reloads each in turn).
  const blocks = dirs.map((dir, i) => {
    progress(`checking ${i + 1}/${dirs.length} ${dir}`)
    loadBlockInput(dir)
    return { label: dir.replace(/\/+$/, '').split('/').pop()!, family: 'given', dir }
  })
  return benchAndPrint(blocks, options)
}

/** Runs the suite and prints its table (or JSON); exit code 1 if any block's results differ between engines. */
export async function benchAndPrint(blocks: readonly SuiteBlock[], options: SuiteOptions & { json: boolean }): Promise<number> {
  let results: BlockResult[]
  try {
    results = await runSuite(blocks, options)
  } finally {
    await closeWorkerPool()
    endProgress()
  }
  if (options.json) {
    console.log(JSON.stringify({ workers: options.workers, repeat: options.repeat, results }, null, 1))
  } else {
    console.log(formatTable(resultHeaders(options.workers), results.map(resultRow)))
    const g = (pick: (r: BlockResult) => number) => `${geomean(results.map(pick)).toFixed(2)}×`
    console.log(`\n${options.workers} workers, median of ${options.repeat} alternating runs per block (measured on this machine):`)
    console.log(`  geomean speedup end-to-end ${g((r) => r.comparison.speedup)}, execution-only ${g((r) => r.comparison.speedupExecutionOnly)}, ideal bound ${g((r) => r.bound.byWorkers[options.workers] ?? 1)}`)
    if (options.projections) {
      console.log('\nProjections (simulator, calibrated on the 1-worker run; not measurements), execution-only speedup over the reference:')
      console.log(formatTable(projectionHeaders(options.workers), results.map(projectionRow)))
    }
  }
  return results.every((result) => result.comparison.correct) ? 0 : 1
}
