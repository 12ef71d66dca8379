/**
 * Command-line options of `npm run bench:checkpoints`, validated up front:
 * anything malformed is one UsageError line (exit 2), never a late crash.
 */
import type { HintMechanisms } from '../../src/hints/schedulingHints.js'
import { usageError } from '../../src/shared/errors.js'

export const USAGE = [
  'usage: npm run bench:checkpoints -- [blockDir…] [--workers N] [--repeat K] [--json] [--size full|quick] [--mainnet N] [--hints none|static] [--mechanisms estimates,start,workers]',
  '',
  'Read checkpoints (issue 11): per block, in one process and alternating run by run, the sequential',
  'reference, the parallel engine with checkpoints off and with checkpoints on (execution only: senders',
  'recovered beforehand for all three). Every parallel run is checked against the reference (gas used,',
  'receipts root; the post-state too on the warm-up runs). Prints medians over K repetitions: wall ms,',
  're-executions, re-execution work (busy ms in incarnations > 0), its cut (1 - on/off), the wall-time',
  'change, and the snapshot statistics (taken, used, bytes, gas not re-executed, full restarts).',
  '',
  'Without block directories: the late-conflict families (late-counter, late-counter-k8, late-router)',
  'and no-conflict-heavy, generated into bench/out/blocks/ at --size (default full), and the newest',
  '--mainnet N (default 3) vendored mainnet blocks.',
  '',
  '  --workers N       worker threads for both parallel sides (default 2; this machine has 2 cores)',
  '  --repeat K        timed repetitions per block after one warm-up of each side (default 3)',
  '  --hints static    seed both parallel sides with the static analyzer\'s hints (as `pevm bench --hints`)',
  '  --mechanisms …    which hint mechanisms to use (default estimates: a late reader blocks on the',
  '                    pre-marked ESTIMATE right before its hot read; start would keep it from starting)',
  '  --json            one JSON document instead of the table',
].join('\n')

export interface CheckpointBenchOptions {
  readonly dirs: readonly string[]
  readonly workers: number
  readonly repeat: number
  readonly json: boolean
  readonly size: 'full' | 'quick'
  readonly mainnet: number
  readonly hints: 'none' | 'static'
  readonly mechanisms: HintMechanisms
}

const VALUED = ['--workers', '--repeat', '--size', '--mainnet', '--hints', '--mechanisms'] as const
const FLAGS = ['--json', '--help'] as const

export function parseCheckpointBenchOptions(argv: readonly string[]): CheckpointBenchOptions {
  const values = new Map<string, string>()
  const dirs: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if ((VALUED as readonly string[]).includes(arg)) {
      const value = argv[++i]
      if (value === undefined || value.startsWith('--')) throw usageError(`${arg} needs a value`)
      values.set(arg, value)
    } else if (arg.startsWith('--')) {
      if (!(FLAGS as readonly string[]).includes(arg)) throw usageError(`unknown option ${arg} (see --help)`)
    } else {
      dirs.push(arg)
    }
  }
  const whole = (flag: string, fallback: number, min: number) => {
    const text = values.get(flag)
    if (text === undefined) return fallback
    const parsed = Number(text)
    if (!Number.isInteger(parsed) || parsed < min) throw usageError(`${flag} takes a whole number ≥ ${min}, got ${JSON.stringify(text)}`)
    return parsed
  }
  const size = values.get('--size') ?? 'full'
  if (size !== 'full' && size !== 'quick') throw usageError(`--size: expected full or quick, got ${JSON.stringify(size)}`)
  const hints = values.get('--hints') ?? 'none'
  if (hints !== 'none' && hints !== 'static') throw usageError(`--hints: expected none or static, got ${JSON.stringify(hints)}`)
  return {
    dirs,
    workers: whole('--workers', 2, 1),
    repeat: whole('--repeat', 3, 1),
    json: argv.includes('--json'),
    size,
    mainnet: whole('--mainnet', 3, 0),
    hints,
    mechanisms: mechanismsOf(values.get('--mechanisms') ?? 'estimates'),
  }
}

function mechanismsOf(list: string): HintMechanisms {
  const names = list.split(',').map((name) => name.trim())
  for (const name of names) {
    if (!['start', 'estimates', 'workers'].includes(name)) throw usageError(`--mechanisms: unknown mechanism ${JSON.stringify(name)} (known: start, estimates, workers)`)
  }
  return { startAfter: names.includes('start'), estimates: names.includes('estimates'), workerCount: names.includes('workers') }
}
