import { benchHintedCommand } from '../../../bench/hints/benchHintedCommand.js'
import { benchBlocks } from '../../../bench/suite/benchBlocks.js'
import { usageError } from '../../shared/errors.js'
import type { Command } from '../command.js'

export const benchCommand: Command = {
  spec: {
    name: 'bench',
    summary: 'sequential reference vs parallel engine on block directories, alternating in one process',
    usage: 'pevm bench <blockDir…> [--workers N] [--repeat K] [--json] [--project]',
    details: [
      'For every block: a warm-up of each engine, then K alternating repetitions; prints the median',
      'wall time of each, the speedup end-to-end (sender recovery included) and execution-only',
      '(senders recovered beforehand for both), Mgas/s, executions, re-executions, aborts, fallbacks,',
      "and the block's ideal bound: total work / critical path on W workers, from the block's traced",
      'per-transaction costs and access sets (ETH credits and fees lazy, as the engine treats them).',
      'Measured speedups are for this machine. --project adds a 1-worker calibration pass and the',
      'scheduler simulator\'s projections for 1–32 workers, with their error against the measured run:',
      'projections, never measurements. The full suite with a report: npm run bench:report.',
    ].join('\n'),
    options: {
      workers: { kind: 'integer', valueName: 'N', min: 1, max: 64, description: 'worker threads of the parallel engine (default 2)' },
      repeat: { kind: 'integer', valueName: 'K', min: 1, description: 'measured repetitions per block (default 3)' },
      json: { kind: 'flag', description: 'print one JSON object' },
      project: { kind: 'flag', description: 'add calibrated simulator projections for 1–32 workers (runs each block once more with 1 worker)' },
      hints: { kind: 'string', valueName: 'source', description: 'hinted vs unhinted: none|static|accesslist|hints:<file>|bal:<file>|simulate|all (no blockDir: mainnet + mocked contended blocks)' },
      mechanisms: { kind: 'string', valueName: 'list', description: 'with --hints: which of start,estimates,workers to seed (default all three)' },
      trust: { kind: 'string', valueName: 'mode', description: 'with --hints: monitor (default: stop following failing hints) or always' },
      families: { kind: 'flag', description: 'with --hints and block directories: add the mocked contended blocks' },
    },
  },
  async run(args) {
    if (args.strings.has('hints')) return benchHintedCommand(args)
    if (args.positionals.length === 0) throw usageError('pevm bench needs at least one block directory, or --hints (see pevm bench --help)')
    return benchBlocks(args.positionals, {
      workers: args.integers.get('workers') ?? 2,
      repeat: args.integers.get('repeat') ?? 3,
      json: args.flags.has('json'),
      projections: args.flags.has('project'),
    })
  },
}
