/**
 * A shrunk counterexample as a block directory under the OS temp directory:
 * the block (header gas, bloom and receipts root from the sequential
 * reference, so `pevm run` checks them), the reference's post-state, and the
 * plan that broke the law (workers, realized hints, delays, faults), with
 * the seed and path that regenerate it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { loadBlockInput } from '../../executor/blockInput.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'
import { postStateJson } from '../../src/postStateJson.js'
import { type BlockModel, mayDestroyExistingContract } from './blockModel.js'
import { buildBlock } from './buildBlock.js'
import type { ExecutionPlan } from './executionPlan.js'
import { describeHints, needsAccesses, realizeHints } from './hintPlan.js'
import type { LawOptions } from './law.js'
import { canonical } from './observable.js'

export interface CounterexampleInfo {
  readonly property: string
  /** The vitest test's name, to run only it. */
  readonly testName: string
  readonly seed: number
  readonly path: string
  readonly problem: string
  readonly options: LawOptions
}

/** Writes the directory and returns its path. */
export async function writeCounterexample(model: BlockModel, plan: ExecutionPlan, info: CounterexampleInfo): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-counterexample-'))
  writeBlockDirectory(dir, buildBlock(model).contents)
  const reference = await executeSequential(loadBlockInput(dir), { recordAccesses: needsAccesses(plan.hints) })
  const hex = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex')
  // The same transactions (RFC 6979 signatures are deterministic), now with the reference's header fields.
  writeBlockDirectory(dir, buildBlock(model, { gasUsed: reference.gasUsed, logsBloom: hex(reference.logsBloom), receiptsRoot: hex(reference.receiptsRoot) }).contents)
  writeFileSync(join(dir, 'expected_post_state.json'), postStateJson(reference.postState()))
  const hints = realizeHints(plan.hints, model.txs.length, reference.accesses)
  const record = {
    property: info.property,
    seed: info.seed,
    path: info.path,
    problem: info.problem,
    plan: { workers: plan.workers, hintPlan: plan.hints.kind, hints: describeHints(hints), delaysUs: plan.delaysUs },
    faults: info.options.faults,
    selfDestructsExistingContract: mayDestroyExistingContract(model),
    model: JSON.parse(canonical(model)) as unknown,
  }
  writeFileSync(join(dir, 'counterexample.json'), JSON.stringify(record, null, 1) + '\n')
  return dir
}

export function reproduction(dir: string, plan: ExecutionPlan, info: CounterexampleInfo, testFile: string): string {
  return [
    `shrunk counterexample written to ${dir}`,
    `  seed ${info.seed}, path "${info.path}"`,
    `  reproduce with the CLI (header check; then compare post-states):`,
    `    node bin/pevm.js run ${dir} --workers ${plan.workers} --always-parallel --post-state ${dir}/parallel_post_state.json && diff ${dir}/expected_post_state.json ${dir}/parallel_post_state.json`,
    `  replay with the same hints, delays and faults: npx tsx property-tests/support/replayCounterexample.ts ${dir}`,
    `  regenerate: ${testFile.includes('/long/') ? 'PEVM_PROPERTY_LONG=1 ' : ''}PEVM_PROPERTY_SEED=${info.seed} PEVM_PROPERTY_PATH="${info.path}" npx vitest run ${testFile} -t "${info.testName}"`,
  ].join('\n')
}
