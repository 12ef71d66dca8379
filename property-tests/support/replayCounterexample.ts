/**
 * Replays a counterexample directory written by a failed property run with
 * the plan that broke the law (worker count, the same concrete hints,
 * delays and faults), several times, since interleavings vary:
 *
 *   npx tsx property-tests/support/replayCounterexample.ts <dir> [attempts]
 *
 * (workers run dist/: `npm run build` first). Exits 1 if the law broke.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { loadBlockInput } from '../../executor/blockInput.js'
import type { ParallelOptions } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import type { ExecutionPlan } from './executionPlan.js'
import { type DescribedHints, parseHints } from './hintPlan.js'
import { LawBroken, checkLawOnInput } from './law.js'

interface CounterexampleFile {
  readonly plan: { readonly workers: number; readonly hints: DescribedHints | undefined; readonly delaysUs: readonly number[] }
  readonly faults: ParallelOptions['faults']
  readonly selfDestructsExistingContract: boolean
}

/** Runs the recorded plan `attempts` times; returns the first broken law's message, or undefined. */
export async function replayCounterexample(dir: string, attempts: number): Promise<{ broken: number; firstProblem: string | undefined }> {
  const record = JSON.parse(readFileSync(join(dir, 'counterexample.json'), 'utf8')) as CounterexampleFile
  const plan: ExecutionPlan = { workers: record.plan.workers, hints: { kind: 'given', hints: parseHints(record.plan.hints) }, delaysUs: record.plan.delaysUs }
  const input = loadBlockInput(dir)
  let broken = 0
  let firstProblem: string | undefined
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await checkLawOnInput(input, [plan], { faults: record.faults, selfDestructsExistingContract: record.selfDestructsExistingContract })
    } catch (error) {
      if (!(error instanceof LawBroken)) throw error
      broken++
      firstProblem ??= error.message
    }
  }
  return { broken, firstProblem }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]
  if (dir === undefined) {
    console.error('usage: npx tsx property-tests/support/replayCounterexample.ts <counterexample dir> [attempts]')
    process.exit(2)
  }
  const attempts = Number(process.argv[3] ?? '20')
  const { broken, firstProblem } = await replayCounterexample(dir, attempts)
  await closeWorkerPool()
  console.log(broken === 0 ? `the law held in ${attempts} attempts` : `the law broke in ${broken} of ${attempts} attempts: ${firstProblem}`)
  process.exit(broken === 0 ? 0 : 1)
}
