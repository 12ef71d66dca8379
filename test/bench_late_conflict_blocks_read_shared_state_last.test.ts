/**
 * The late-conflict families (issue 11's benchmark) are late: in every
 * transaction, most of the execution gas is spent before the first access to
 * shared state — the hot counter's SLOAD in the outermost frame
 * (late-counter, no-conflict-heavy), or the router's first call into the hot
 * pool (late-router). Measured on ethereumjs's own step events while the
 * transactions run in order over the block's pre-state. (That the blocks are
 * valid and both engines agree on them is in
 * bench_generators_make_valid_blocks_both_engines_agree_on.test.ts, which
 * covers every family.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { InterpreterStep } from '@ethereumjs/evm'
import { runTx } from '@ethereumjs/vm'
import { afterAll, describe, expect, it } from 'vitest'

import { familyNamed, generateBlock } from '../bench/generators/families.js'
import { loadBlockInput } from '../executor/blockInput.js'
import { blockHashLookup } from '../executor/evm/blockHashes.js'
import { OverlayState } from '../executor/state/overlayState.js'
import { createExecutionVm } from '../src/chain/crypto/bn254.js'

const root = mkdtempSync(join(tmpdir(), 'pevm-late-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Where the shared access is: the first SLOAD of the outermost frame, or the first step inside a called contract. */
type SharedAccess = 'outer SLOAD' | 'first nested step'

/** Per transaction: the share of its execution gas (intrinsic gas excluded) spent before its first shared access. */
async function lateness(dir: string, marker: SharedAccess): Promise<number[]> {
  const input = loadBlockInput(dir)
  const { block } = input.parsed
  const vm = await createExecutionVm({ common: block.common, stateManager: new OverlayState(input.preState), blockchain: blockHashLookup(input.blockHashes) as never })
  let startGas: bigint | undefined
  let gasAtShared: bigint | undefined
  vm.evm.events!.on('step', (step: InterpreterStep) => {
    if (step.depth === 0) startGas ??= step.gasLeft
    const shared = marker === 'outer SLOAD' ? step.depth === 0 && step.opcode.name === 'SLOAD' : step.depth > 0
    if (shared) gasAtShared ??= step.gasLeft
  })
  const shares: number[] = []
  for (const tx of block.transactions) {
    startGas = undefined
    gasAtShared = undefined
    const result = await runTx(vm, { tx, block })
    expect(result.execResult.exceptionError).toBeUndefined()
    expect(startGas, 'the transaction ran code').toBeDefined()
    expect(gasAtShared, 'the transaction reached its shared access').toBeDefined()
    shares.push(Number(startGas! - gasAtShared!) / Number(result.execResult.executionGasUsed))
  }
  return shares
}

describe.each([
  ['late-counter', 'outer SLOAD'],
  ['late-counter-k8', 'outer SLOAD'],
  ['no-conflict-heavy', 'outer SLOAD'],
  ['late-router', 'first nested step'],
] as const)('a %s block', (name, marker) => {
  it('spends most of each transaction before its first access to shared state', async () => {
    const { dir } = await generateBlock(familyNamed(name), 10, 3, root)
    const shares = await lateness(dir, marker)
    expect(shares).toHaveLength(10)
    for (const share of shares) {
      expect(share).toBeGreaterThan(0.6)
      expect(share).toBeLessThan(1)
    }
  })
})
