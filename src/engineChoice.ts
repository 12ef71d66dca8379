/**
 * Which engine `executeBlock` runs when the caller leaves it to us. Block-STM
 * can only win where there is work to share, so two kinds of block run on
 * the sequential reference instead, and the result says which and why
 * (`stats.engine: 'sequential'`, `stats.engineChosenBecause`):
 *
 * - **Small blocks.** The parallel engine pays a fixed cost per block before
 *   any transaction runs and after the last one: shared memory, a task
 *   message to each worker and its report back, the merge on this thread.
 *   Measured here it is 1–2 ms warm and more while the JIT warms up; a block
 *   whose whole sequential execution takes a few milliseconds cannot win that
 *   back at any worker count (bench:par: 0.3–0.6× at 1 and 2 workers on the
 *   fixtures' blocks of 0.02–0.65 Mgas). Fewer than two transactions: nothing
 *   to run in parallel at all. The sequential time is estimated from the gas,
 *   because a unit of gas buys very different work across forks: the
 *   reference runs pre-Berlin blocks at roughly 100–200 Mgas/s and later ones
 *   at 30–100 (bench:par's "seq Mgas/s" column). The rates below are the fast
 *   ends, so that a block goes sequential only when it is surely small.
 *
 * - **One sender's chain.** When one sender sends most of the block (an
 *   exchange's payout batch), its nonces chain those transactions one after
 *   another: Block-STM runs them in order, paying its per-transaction cost
 *   and a hand-over between workers on each (bench:par, 2 workers, execution
 *   only: 0.37–0.83× on the five such fixtures). The one thing left to share
 *   is sender recovery, which the workers do ahead of the reference's
 *   execution (executor/parallel/poolSenderRecovery.ts). The sender is block.json's
 *   `from`, a hint: a wrong one costs time, never a result.
 *
 * RISE's pevm has the same rule for small blocks (fewer transactions than
 * threads, or under 4 Mgas), and a note to use it for long sequential chains.
 */
import type { Block } from '@ethereumjs/block'
import { Hardfork } from '@ethereumjs/common'

import type { BlockExecution } from '../executor/blockExecution.js'
import type { BlockInput } from '../executor/blockInput.js'
import { executeParallel, type ParallelOptions } from '../executor/parallel/executeParallel.js'
import { pipelinedSenders } from '../executor/parallel/poolSenderRecovery.js'
import { workerCount } from '../executor/parallel/workerPool.js'
import { type SenderRecovery, hintedSenders } from '../executor/senders.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'

/** Blocks whose estimated sequential execution is shorter than this run sequentially. */
export const SMALL_BLOCK_MS = 8

const MGAS_PER_SECOND_BEFORE_BERLIN = 150
const MGAS_PER_SECOND_FROM_BERLIN = 60

/** Why `block` should run on the sequential reference, or undefined when the parallel engine can gain. */
export function smallBlockReason(block: Block): string | undefined {
  const txCount = block.transactions.length
  if (txCount < 2) return `${txCount} transaction${txCount === 1 ? '' : 's'}: nothing to run in parallel`
  const rate = block.common.gteHardfork(Hardfork.Berlin) ? MGAS_PER_SECOND_FROM_BERLIN : MGAS_PER_SECOND_BEFORE_BERLIN
  const estimatedMs = Number(block.header.gasUsed) / 1000 / rate
  if (estimatedMs >= SMALL_BLOCK_MS) return undefined
  return `small block: ${(Number(block.header.gasUsed) / 1e6).toFixed(2)} Mgas, about ${estimatedMs.toFixed(1)} ms of sequential work, less than the ${SMALL_BLOCK_MS} ms the parallel engine needs to gain`
}

/** A sender with at least this share of the transactions makes the block one chain. */
export const ONE_SENDER_SHARE = 0.8

/** Why `input` is one sender's chain (by block.json's `from`), or undefined. */
export function oneSenderChainReason(input: BlockInput): string | undefined {
  const senders = hintedSenders(input)
  if (senders.length < 2) return undefined
  const counts = new Map<string, number>()
  for (const from of senders) if (from !== undefined) counts.set(from, (counts.get(from) ?? 0) + 1)
  const longest = Math.max(0, ...counts.values())
  if (longest < ONE_SENDER_SHARE * senders.length) return undefined
  return `one sender sends ${longest} of the ${senders.length} transactions: their nonces chain them one after another, so only sender recovery runs on the workers, ahead of the reference`
}

export type EngineChoice =
  | { readonly engine: 'parallel' }
  | { readonly engine: 'sequential'; readonly rule: 'small block' | 'one-sender chain'; readonly because: string }

export function chooseEngine(input: BlockInput): EngineChoice {
  const small = smallBlockReason(input.parsed.block)
  if (small !== undefined) return { engine: 'sequential', rule: 'small block', because: small }
  const chain = oneSenderChainReason(input)
  if (chain !== undefined) return { engine: 'sequential', rule: 'one-sender chain', because: chain }
  return { engine: 'parallel' }
}

/** Runs `input` on the engine `choice` names (`senderRecovery` only for execution-only benchmarks). */
export async function executeChosen(
  input: BlockInput,
  choice: EngineChoice,
  options: ParallelOptions & { readonly senderRecovery?: SenderRecovery },
): Promise<BlockExecution> {
  if (choice.engine === 'parallel') return executeParallel(input, options)
  const workers = workerCount(options.workers)
  // A chain's senders are recovered on the workers, ahead of the execution (the one thing left to share).
  if (choice.rule !== 'one-sender chain' || workers < 2 || options.senderRecovery === 'precomputed') {
    const execution = await executeSequential(input, { senderRecovery: options.senderRecovery })
    return { ...execution, stats: { ...execution.stats, engineChosenBecause: choice.because } }
  }
  const started = performance.now()
  const senders = pipelinedSenders(input, workers)
  const execution = await executeSequential(input, { senderOf: senders.senderOf })
  const recovery = await senders.finish()
  const warnings = recovery.failure === undefined ? execution.warnings : [...execution.warnings, `senders left to the main thread: ${recovery.failure}`]
  return {
    ...execution,
    ms: performance.now() - started,
    warnings,
    stats: { ...execution.stats, engineChosenBecause: choice.because, sendersRecoveredOnWorkers: recovery.recoveredOnWorkers },
  }
}
