/**
 * Sequential reference against the parallel engine, in one process,
 * alternating run by run so that both see the same machine state:
 * per block, K repetitions after a warm-up of each (more on blocks of a few
 * milliseconds, where one scavenge is as long as the block), median and spread,
 * end-to-end (sender recovery included) and execution-only (senders
 * recovered beforehand, outside the timer, for both engines).
 *
 * The engine runs on every block. Where executeBlock would not run it
 * (src/engineChoice.ts: a block too small to gain, or one sender's chain),
 * executeBlock's path is timed too, in its own alternating slot: `chosenMs`
 * is what a caller of executeBlock gets, `parallelMs` what the engine does
 * when forced.
 */
import type { BlockExecution } from '../executor/blockExecution.js'
import type { BlockInput } from '../executor/blockInput.js'
import { executeParallel } from '../executor/parallel/executeParallel.js'
import type { SenderRecovery } from '../executor/senders.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { chooseEngine, executeChosen } from '../src/engineChoice.js'
import { checkAgainstHeader } from '../src/headerCheck.js'
import { median, spread } from '../src/shared/stats.js'
import { progress } from './mainnetFixtures.js'

export interface Comparison {
  readonly block: number
  readonly dir: string
  readonly txs: number
  readonly gas: number
  readonly workers: number
  readonly sequentialMs: number
  readonly parallelMs: number
  readonly sequentialSpread: number
  readonly parallelSpread: number
  readonly speedup: number
  readonly sequentialExecMs: number
  readonly parallelExecMs: number
  readonly speedupExecutionOnly: number
  readonly sequentialMgasPerSec: number
  readonly parallelMgasPerSec: number
  readonly executions: number
  readonly reExecutions: number
  readonly validationAborts: number
  readonly dependencyAborts: number
  readonly fallbacks: number
  readonly fallbackReason: string | undefined
  /** Why executeBlock runs this block on the sequential reference, if it does (src/engineChoice.ts). */
  readonly engineChosenBecause: string | undefined
  readonly engineChoiceRule: 'small block' | 'one-sender chain' | undefined
  /** executeBlock's time: the engine's, or the sequential path's when engineChosenBecause is set (measured, not copied). */
  readonly chosenMs: number
  readonly chosenExecMs: number
  readonly correct: boolean
}

/** Each engine's repetitions of a block add up to at least K × this (up to 10 K repetitions). */
const MIN_MEASURED_MS = 20

export async function compareEngines(dir: string, input: BlockInput, options: { workers: number; repeat: number; label?: string }): Promise<Comparison> {
  const { workers, repeat } = options
  const run = (engine: 'sequential' | 'parallel', senderRecovery: SenderRecovery): Promise<BlockExecution> =>
    engine === 'sequential' ? executeSequential(input, { senderRecovery }) : executeParallel(input, { workers, senderRecovery })

  // Warm-up (JIT, worker pool, per-block parsing in the workers), and a correctness check.
  const reference = await run('sequential', 'recover')
  const first = await run('parallel', 'recover')
  const correct = checkAgainstHeader(input.parsed.block, first).ok === checkAgainstHeader(input.parsed.block, reference).ok && first.gasUsed === reference.gasUsed
  const warmMs = (await run('sequential', 'precomputed')).ms
  await run('parallel', 'precomputed')

  const choice = chooseEngine(input)
  const engineChosenBecause = choice.engine === 'sequential' ? choice.because : undefined
  const chosen = (senderRecovery: SenderRecovery) => executeChosen(input, choice, { workers, senderRecovery })
  const times = { seq: [] as number[], par: [] as number[], seqExec: [] as number[], parExec: [] as number[], chosen: [] as number[], chosenExec: [] as number[] }
  let last: BlockExecution = first
  const repetitions = Math.min(10 * repeat, Math.max(repeat, Math.ceil((repeat * MIN_MEASURED_MS) / Math.max(warmMs, 0.1))))
  for (let i = 0; i < repetitions; i++) {
    progress(`${options.label ?? dir}: repetition ${i + 1}/${repetitions}`)
    // executeBlock's sequential path runs right after the reference's own slot, so both see the same machine state.
    times.seq.push((await run('sequential', 'recover')).ms)
    if (engineChosenBecause !== undefined) times.chosen.push((await chosen('recover')).ms)
    last = await run('parallel', 'recover')
    times.par.push(last.ms)
    times.seqExec.push((await run('sequential', 'precomputed')).ms)
    if (engineChosenBecause !== undefined) times.chosenExec.push((await chosen('precomputed')).ms)
    times.parExec.push((await run('parallel', 'precomputed')).ms)
  }
  const chosenTimes = engineChosenBecause === undefined ? { all: times.par, exec: times.parExec } : { all: times.chosen, exec: times.chosenExec }
  const stats = last.stats as Record<string, unknown>
  const gas = Number(reference.gasUsed)
  const sequentialMs = median(times.seq)
  const parallelMs = median(times.par)
  return {
    block: Number(reference.number),
    dir,
    txs: input.parsed.block.transactions.length,
    gas,
    workers,
    sequentialMs,
    parallelMs,
    sequentialSpread: spread(times.seq),
    parallelSpread: spread(times.par),
    speedup: sequentialMs / parallelMs,
    sequentialExecMs: median(times.seqExec),
    parallelExecMs: median(times.parExec),
    speedupExecutionOnly: median(times.seqExec) / median(times.parExec),
    sequentialMgasPerSec: gas / 1000 / sequentialMs,
    parallelMgasPerSec: gas / 1000 / parallelMs,
    executions: Number(stats.executions ?? 0),
    reExecutions: Number(stats.reExecutions ?? 0),
    validationAborts: Number(stats.validationAborts ?? 0),
    dependencyAborts: Number(stats.dependencyAborts ?? 0),
    fallbacks: Number(stats.fallbacks ?? 0),
    fallbackReason: stats.fallbackReason as string | undefined,
    engineChosenBecause,
    engineChoiceRule: choice.engine === 'sequential' ? choice.rule : undefined,
    chosenMs: median(chosenTimes.all),
    chosenExecMs: median(chosenTimes.exec),
    correct,
  }
}
