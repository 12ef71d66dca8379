/**
 * Which engine `executeBlock` runs when the caller leaves it to us.
 *
 * The parallel engine pays a fixed cost per block before any transaction
 * runs and after the last one: shared memory for the block, a task message
 * to each worker and its report back, the merge on this thread. Measured
 * here (scratch runs of `stats.phaseMs`, bench:par of session 7) it is
 * 1–2 ms warm and more while the JIT warms up; a block whose whole
 * sequential execution takes a few milliseconds cannot win that back at
 * any worker count (bench:par: 0.3–0.6× at 1 and 2 workers on the
 * fixtures' blocks of 0.02–0.65 Mgas). A block of fewer than two
 * transactions has nothing to run in parallel at all.
 *
 * Those blocks run on the sequential reference, and the result says so
 * (`stats.engine: 'sequential'`, `stats.engineChosenBecause`). RISE's pevm
 * has the same rule (fewer transactions than threads, or under 4 Mgas); ours
 * estimates the sequential time from the gas instead, because a unit of gas
 * buys very different work across forks: the reference runs pre-Berlin
 * blocks at roughly 100–200 Mgas/s and later ones at 30–100 (bench:par's
 * "seq Mgas/s" column). The rates below are the fast ends, so that a block
 * goes sequential only when it is surely small.
 */
import type { Block } from '@ethereumjs/block'
import { Hardfork } from '@ethereumjs/common'

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
