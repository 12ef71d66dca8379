import { benchParallel } from '../../../bench/parallel.js'
import { usageError } from '../../shared/errors.js'
import type { Command } from '../command.js'

export const benchCommand: Command = {
  spec: {
    name: 'bench',
    summary: 'sequential reference vs parallel engine on block directories, alternating in one process',
    usage: 'pevm bench <blockDir…> [--workers N] [--repeat K] [--json]',
    details: [
      'For every block: a warm-up of each engine, then K alternating repetitions; prints the median',
      'wall time of each, the speedup end-to-end (sender recovery included) and execution-only',
      '(senders recovered beforehand for both), re-executions, aborts and fallbacks.',
      'Measured speedups are for this machine; projections for more cores come from the simulator.',
    ].join('\n'),
    options: {
      workers: { kind: 'integer', valueName: 'N', min: 1, max: 64, description: 'worker threads of the parallel engine (default 2)' },
      repeat: { kind: 'integer', valueName: 'K', min: 1, description: 'measured repetitions per block (default 3)' },
      json: { kind: 'flag', description: 'print one JSON object' },
    },
  },
  async run(args) {
    if (args.positionals.length === 0) throw usageError('pevm bench needs at least one block directory (see pevm bench --help)')
    const argv = [...args.positionals]
    for (const name of ['workers', 'repeat'] as const) {
      const value = args.integers.get(name)
      if (value !== undefined) argv.push(`--${name}`, String(value))
    }
    if (args.flags.has('json')) argv.push('--json')
    return benchParallel(argv)
  },
}
