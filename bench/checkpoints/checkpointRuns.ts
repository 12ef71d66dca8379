/**
 * One block of the checkpoint bench: the sequential reference, the parallel
 * engine with checkpoints off and with checkpoints on, in one process,
 * alternating run by run (the order rotates each repetition, so no side
 * always follows another), execution only (senders recovered beforehand,
 * outside the timer, for all three).
 *
 * Correctness: the first (warm-up) run of each parallel side must equal the
 * reference in gas used, receipts root, outcomes and the whole post-state;
 * every timed run in gas used and receipts root. A block whose parallel runs
 * differ is reported `correct: false` (and the bench exits 1).
 */
import type { BlockExecution } from '../../executor/blockExecution.js'
import type { BlockInput } from '../../executor/blockInput.js'
import { type ParallelOptions, executeParallel } from '../../executor/parallel/executeParallel.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { postStateJson } from '../../src/postStateJson.js'
import { median } from '../../src/shared/stats.js'
import { progress } from '../mainnetFixtures.js'
import { type RunStats, medianRunStats, runStatsOf } from './checkpointStats.js'

/** ParallelOptions with the engine's `checkpoints` switch (issue 11), whether or not this engine has it yet. */
export type CheckpointParallelOptions = ParallelOptions & { readonly checkpoints?: boolean }

export interface CheckpointRow {
  readonly label: string
  readonly group: string
  readonly dir: string
  readonly txs: number
  readonly gas: number
  readonly workers: number
  readonly sequentialMs: number
  readonly off: RunStats
  readonly on: RunStats
  /** Dependency edges the static analyzer's hints used (`--hints static`), else undefined. */
  readonly hintEdges?: number
  readonly correct: boolean
  /** What differed, when not correct. */
  readonly mismatch: string | undefined
}

type Side = 'sequential' | 'off' | 'on'
const SIDES: readonly Side[] = ['sequential', 'off', 'on']

export interface BlockTarget {
  readonly label: string
  readonly group: string
  readonly dir: string
  readonly input: BlockInput
}

export async function benchBlock(target: BlockTarget, parallel: ParallelOptions, repeat: number, progressLabel: string): Promise<CheckpointRow> {
  const { input } = target
  const sideOptions = (checkpoints: boolean): CheckpointParallelOptions => ({ ...parallel, checkpoints, senderRecovery: 'precomputed' })
  const run = (side: Side): Promise<BlockExecution> =>
    side === 'sequential' ? executeSequential(input, { senderRecovery: 'precomputed' }) : executeParallel(input, sideOptions(side === 'on'))

  const reference = await run('sequential')
  const referenceState = postStateJson(reference.postState())
  let mismatch: string | undefined
  const check = (side: Side, execution: BlockExecution, full: boolean) => {
    if (mismatch !== undefined) return
    const differs = differenceFrom(reference, referenceState, execution, full)
    if (differs !== undefined) mismatch = `checkpoints ${side}: ${differs}`
  }
  // Warm-up (JIT, worker pool, per-block parsing in the workers), fully checked.
  for (const side of ['off', 'on'] as const) check(side, await run(side), true)

  const sequentialMs: number[] = []
  const runs = { off: [] as RunStats[], on: [] as RunStats[] }
  for (let k = 0; k < repeat; k++) {
    progress(`${progressLabel}: repetition ${k + 1}/${repeat}`)
    for (const side of rotate(SIDES, k)) {
      const execution = await run(side)
      if (side === 'sequential') {
        sequentialMs.push(execution.ms)
      } else {
        check(side, execution, false)
        runs[side].push(runStatsOf(execution))
      }
    }
  }
  return {
    label: target.label,
    group: target.group,
    dir: target.dir,
    txs: input.parsed.block.transactions.length,
    gas: Number(reference.gasUsed),
    workers: parallel.workers ?? 0,
    sequentialMs: median(sequentialMs),
    off: medianRunStats(runs.off),
    on: medianRunStats(runs.on),
    correct: mismatch === undefined,
    mismatch,
  }
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length
  return [...list.slice(shift), ...list.slice(0, shift)]
}

/** A one-line description of how `execution` differs from the reference, or undefined. */
function differenceFrom(reference: BlockExecution, referenceState: string, execution: BlockExecution, full: boolean): string | undefined {
  if (execution.gasUsed !== reference.gasUsed) return `gas used ${execution.gasUsed} ≠ ${reference.gasUsed}`
  if (!Buffer.from(execution.receiptsRoot).equals(Buffer.from(reference.receiptsRoot))) return 'receipts root differs'
  if (!full) return undefined
  if (execution.outcomes.length !== reference.outcomes.length) return `${execution.outcomes.length} outcomes ≠ ${reference.outcomes.length}`
  const outcomeKey = (execution_: BlockExecution) => JSON.stringify(execution_.outcomes.map((o) => (o.kind === 'invalid' ? o.error : `${o.status}:${o.gasUsed}`)))
  if (outcomeKey(execution) !== outcomeKey(reference)) return 'transaction outcomes differ'
  if (postStateJson(execution.postState()) !== referenceState) return 'post-state differs'
  return undefined
}
