/**
 * The law: for a generated block and any execution plan (worker count,
 * hints, interleaving), the parallel engine's receipts, logs, gas, invalid
 * transactions' errors and post-state equal the sequential reference's, and
 * it falls back to sequential only where the block gives it a documented
 * reason to: a pre-Cancun SELFDESTRUCT of a contract that existed before the
 * transaction, or a transaction that exceeds the gas left in the block.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { BlockExecution } from '../../executor/blockExecution.js'
import { type BlockInput, loadBlockInput } from '../../executor/blockInput.js'
import { type ParallelOptions, executeParallel } from '../../executor/parallel/executeParallel.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'
import { type BlockModel, mayDestroyExistingContract } from './blockModel.js'
import { buildBlock } from './buildBlock.js'
import type { ExecutionPlan } from './executionPlan.js'
import { needsAccesses, realizeHints } from './hintPlan.js'
import { type Observable, firstDifference, observable } from './observable.js'

export interface LawOptions {
  /** A deliberately broken engine (mutation checks). */
  readonly faults?: ParallelOptions['faults']
  /** The engine's watchdog: a block not done by then falls back, which the law counts as a failure. */
  readonly timeoutMs?: number
}

/** Thrown when the parallel engine disagrees with the reference (fast-check then shrinks). */
export class LawBroken extends Error {
  constructor(
    readonly plan: ExecutionPlan,
    readonly problem: string,
  ) {
    const checkpoints = plan.checkpoints === undefined ? '' : `, read checkpoints ${JSON.stringify(plan.checkpoints)}`
    super(`with ${plan.workers} worker(s), hints ${plan.hints.kind}, delays [${plan.delaysUs.join(', ')}] µs${checkpoints}: ${problem}`)
    this.name = 'LawBroken'
  }
}

export interface LawRun {
  readonly model: BlockModel
  readonly reference: BlockExecution
  readonly parallel: readonly BlockExecution[]
}

const SELF_DESTRUCT_FALLBACK = /self-destruct/
const GAS_LEFT_FALLBACK = /exceeds the gas left in the block/

let scratch: string | undefined

/** One directory per process, rewritten for every block (a failure is written to a fresh one). */
function scratchDirectory(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'pevm-property-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    scratch = dir
  }
  return scratch
}

export function loadGeneratedBlock(model: BlockModel): BlockInput {
  const dir = scratchDirectory()
  writeBlockDirectory(dir, buildBlock(model).contents)
  return loadBlockInput(dir)
}

export async function checkLaw(model: BlockModel, plans: readonly ExecutionPlan[], options: LawOptions = {}): Promise<LawRun> {
  const input = loadGeneratedBlock(model)
  const parallel = await checkLawOnInput(input, plans, { ...options, selfDestructsExistingContract: mayDestroyExistingContract(model) })
  return { model, reference: parallel.reference, parallel: parallel.executions }
}

/** The law on a loaded block (generated, or a regression's directory). */
export async function checkLawOnInput(
  input: BlockInput,
  plans: readonly ExecutionPlan[],
  options: LawOptions & { readonly selfDestructsExistingContract: boolean },
): Promise<{ reference: BlockExecution; executions: BlockExecution[] }> {
  const reference = await executeSequential(input, { recordAccesses: plans.some((plan) => needsAccesses(plan.hints)) })
  const expected = observable(reference)
  const allowed = allowedFallbacks(input, reference, options.selfDestructsExistingContract)
  const executions: BlockExecution[] = []
  for (const plan of plans) {
    const hints = realizeHints(plan.hints, input.parsed.block.transactions.length, reference.accesses)
    const execution = await executeParallel(input, {
      workers: plan.workers,
      hints,
      delaysUs: plan.delaysUs,
      faults: options.faults,
      checkpoints: plan.checkpoints,
      timeoutMs: options.timeoutMs ?? 30_000,
    })
    judge(plan, execution, expected, allowed)
    executions.push(execution)
  }
  return { reference, executions }
}

function judge(plan: ExecutionPlan, execution: BlockExecution, expected: Observable, allowed: readonly RegExp[]): void {
  const fallbacks = Number(execution.stats.fallbacks ?? 0)
  if (fallbacks !== 0) {
    const reason = String(execution.stats.fallbackReason)
    if (!allowed.some((pattern) => pattern.test(reason))) throw new LawBroken(plan, `fell back to sequential without cause: ${reason}`)
  }
  const difference = firstDifference(expected, observable(execution))
  if (difference !== undefined) throw new LawBroken(plan, difference)
}

/** The fallbacks this block may take (documented, visible); any other is a failure. */
function allowedFallbacks(input: BlockInput, reference: BlockExecution, selfDestructsExistingContract: boolean): RegExp[] {
  const allowed: RegExp[] = []
  if (selfDestructsExistingContract) allowed.push(SELF_DESTRUCT_FALLBACK)
  const limit = input.parsed.block.header.gasLimit
  const exceedsGasLeft = reference.outcomes.some(
    (outcome) => outcome.kind === 'invalid' && /higher gas limit than the block/.test(outcome.error) && input.parsed.block.transactions[outcome.index]!.gasLimit <= limit,
  )
  if (exceedsGasLeft) allowed.push(GAS_LEFT_FALLBACK)
  return allowed
}
