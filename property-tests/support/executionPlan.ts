/**
 * How one parallel execution of a generated block is run: worker count,
 * hints, and busy delays that perturb the interleaving (the worker sleeps
 * `delaysUs[k % length]` µs before its k-th execution).
 */
import fc from 'fast-check'

import type { CheckpointPolicy } from '../../executor/checkpoints/checkpointPolicy.js'
import { type HintPlan, hintPlan } from './hintPlan.js'
import { weighted } from './weighted.js'

export interface ExecutionPlan {
  readonly workers: number
  readonly hints: HintPlan
  readonly delaysUs: readonly number[]
  /** Read checkpoints (executeParallel's option): off when absent. */
  readonly checkpoints?: CheckpointPolicy
}

export const delaysUs: fc.Arbitrary<number[]> = weighted(
  { weight: 2, arbitrary: fc.constant<number[]>([]) },
  {
    weight: 3,
    arbitrary: fc.array(
      weighted({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: 300, max: 3_000 }) }),
      { minLength: 1, maxLength: 8 },
    ),
  },
)

interface PlanOptions {
  readonly workers: fc.Arbitrary<number>
  readonly hints?: fc.Arbitrary<HintPlan>
  readonly checkpoints?: fc.Arbitrary<CheckpointPolicy | undefined>
}

export function executionPlan(options: PlanOptions): fc.Arbitrary<ExecutionPlan> {
  return fc.record({
    workers: options.workers,
    hints: options.hints ?? fc.constant<HintPlan>({ kind: 'none' }),
    delaysUs,
    checkpoints: options.checkpoints ?? fc.constant(undefined),
  })
}

/** Several executions of the same block (the reference runs once for all of them). */
export function executionPlans(options: PlanOptions & { count: number }): fc.Arbitrary<ExecutionPlan[]> {
  return fc.array(executionPlan(options), { minLength: options.count, maxLength: options.count })
}
