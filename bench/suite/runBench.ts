/**
 * `npm run bench`: the suite over the mocked block families (generated into
 * bench/out/blocks/) and the mainnet fixtures, printed as `pevm bench` prints
 * it. Same options as `npm run bench:report` (which also writes the report),
 * plus --json and --project.
 *
 *   node --expose-gc dist/bench/suite/runBench.js [--size full|quick] [--workers 2] [--repeat 3] [--mainnet all|N] [--families a,b] [--seed 1] [--json] [--project]
 */
import { parseReportOptions, suiteBlocks, usageFailure } from '../report/runReport.js'
import { benchAndPrint } from './benchBlocks.js'

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log('usage: npm run bench -- [--size full|quick] [--workers N] [--repeat K] [--mainnet all|N] [--families a,b] [--seed S] [--json] [--project]')
    return 0
  }
  const options = parseReportOptions(argv)
  return benchAndPrint(await suiteBlocks(options), { workers: options.workers, repeat: options.repeat, json: argv.includes('--json'), projections: argv.includes('--project') })
}

process.exitCode = await main(process.argv.slice(2)).catch(usageFailure)
