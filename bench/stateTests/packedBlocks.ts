/**
 * Packed blocks: the cases of one test (same pre-state, same environment)
 * as the transactions of one block, so that the parallel engine meets real
 * conflicts — the transactions call the same contracts, pay the same
 * coinbase and come from a few senders. There is no expected root: the law
 * is only that the parallel engine equals the sequential reference.
 *
 * Senders rotate over the test's own key and three derived keys whose
 * accounts copy the sender's pre-state entry (a test that checks CALLER or
 * ORIGIN then takes another branch, in both engines alike). Each sender's
 * nonces count up over the transactions the test expects to be valid, so
 * that one rejected transaction does not make every later one invalid; one
 * that is rejected anyway (its balance spent by an earlier case) is part of
 * the law too. The block's gas limit is raised to the sum of the
 * transactions' limits so that each one fits.
 */
import { privateToAddress } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

import { executeParallel } from '../../executor/parallel/executeParallel.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { firstDifference, observable } from '../../property-tests/support/observable.js'
import type { PreStateAccountJson } from '../../src/blockDirectory/writeBlockDirectory.js'
import { caseBlockInput, casePreState, saveCaseBlock } from './caseBlock.js'
import { caseTransaction, signingCommon } from './caseTransaction.js'
import { hardforkOf } from './forks.js'
import { hex } from './stateRoot.js'
import type { StateTest } from './stateTest.js'

export const DEFAULT_PACK_SIZE = 24
const DERIVED_SENDERS = 3

export interface PackPlan {
  readonly file: string
  readonly test: string
  readonly fork: string
  /** Which chunk of the test's cases (0, 1, …). */
  readonly chunk: number
  /** Positions in `post[fork]`, in block order. */
  readonly cases: readonly number[]
}

export interface PackResult {
  readonly plan: PackPlan
  readonly name: string
  /** `error`: the runner failed on this block (a bug here or bad input), a failure too. */
  readonly verdict: 'equal' | 'differs' | 'error'
  readonly detail?: string
  /** The block directory the block was saved to (see `saveFailuresTo`). */
  readonly savedTo?: string
  readonly txs: number
  readonly executed: number
  readonly invalid: number
  readonly fallbackReason?: string
  readonly ms: { readonly sequential: number; readonly parallel: number }
}

export function packName(plan: PackPlan): string {
  return `${plan.file} ${plan.test} ${plan.fork} pack ${plan.chunk} (cases ${plan.cases.join(',')})`
}

/** The test's cases in chunks of at most `size` (cases whose transaction cannot be built are left out when the pack is built). */
export function planPacks(file: string, test: string, fork: string, cases: readonly number[], size = DEFAULT_PACK_SIZE): PackPlan[] {
  const plans: PackPlan[] = []
  for (let start = 0; start < cases.length; start += size) {
    plans.push({ file, test, fork, chunk: plans.length, cases: cases.slice(start, start + size) })
  }
  return plans
}

export type PackPhase = 'pack-sequential' | 'pack-parallel'

export interface PackOptions {
  readonly workers?: number
  readonly parallelTimeoutMs?: number
  readonly onPhase?: (phase: PackPhase) => void
  /** Write the block here when the engines differ (`pevm run` replays it). */
  readonly saveFailuresTo?: string
}

export async function runPack(test: StateTest, plan: PackPlan, options: PackOptions = {}): Promise<PackResult> {
  try {
    return await checkPack(test, plan, options)
  } catch (error) {
    return packError(plan, String((error as Error).stack ?? error))
  }
}

export function packError(plan: PackPlan, detail: string): PackResult {
  return { plan, name: packName(plan), verdict: 'error', detail, txs: 0, executed: 0, invalid: 0, ms: { sequential: 0, parallel: 0 } }
}

async function checkPack(test: StateTest, plan: PackPlan, options: PackOptions): Promise<PackResult> {
  const name = packName(plan)
  const common = signingCommon(hardforkOf(plan.fork))
  const template = test.transaction
  const keys = senderKeys(template.secretKey)
  const pre = preWithDerivedSenders(test, keys)
  const entries = test.post[plan.fork] ?? []
  const nextNonce = keys.map(() => BigInt(template.nonce))
  const txs = []
  for (const [position, caseIndex] of plan.cases.entries()) {
    const entry = entries[caseIndex]!
    const sender = position % keys.length
    const built = caseTransaction(template, entry.indexes, common, { nonce: nextNonce[sender]!, secretKey: keys[sender]!.key })
    if (built.kind !== 'built') continue
    txs.push(built.tx)
    if (entry.expectException === undefined) nextNonce[sender]!++
  }
  const gasLimit = txs.reduce((sum, tx) => sum + tx.gasLimit, 0n)
  const envGasLimit = BigInt(test.env.currentGasLimit)
  const block = { fork: plan.fork, env: test.env, txs, name, gasLimit: gasLimit > envGasLimit ? gasLimit : envGasLimit }
  const preState = casePreState(pre, name)

  options.onPhase?.('pack-sequential')
  let started = performance.now()
  // The reference runs the block as built; the parallel engine gets it with the header's gasUsed filled in
  // (it sizes its memory by it). No transaction can observe gasUsed, but ethereumjs's error message for an
  // invalid transaction names the block's hash: when there is one, the reference runs the final block too.
  const first = await executeSequential(caseBlockInput(block, preState))
  const final = caseBlockInput({ ...block, gasUsed: first.gasUsed }, preState)
  const rerun = first.gasUsed !== 0n && first.outcomes.some((outcome) => outcome.kind === 'invalid')
  const sequential = rerun ? await executeSequential(final) : first
  const sequentialMs = performance.now() - started

  options.onPhase?.('pack-parallel')
  started = performance.now()
  let detail: string | undefined
  let fallbackReason: string | undefined
  try {
    const parallel = await executeParallel(final, {
      workers: options.workers ?? 2,
      timeoutMs: options.parallelTimeoutMs,
    })
    fallbackReason = parallel.stats.fallbackReason as string | undefined
    detail = firstDifference(observable(sequential), observable(parallel))
  } catch (failure) {
    detail = `the parallel engine threw: ${String((failure as Error).stack ?? failure)}`
  }
  const executed = sequential.outcomes.filter((outcome) => outcome.kind === 'executed').length
  const savedTo = detail !== undefined && options.saveFailuresTo !== undefined ? saveCaseBlock(options.saveFailuresTo, block, pre, sequential) : undefined
  return {
    plan,
    name,
    verdict: detail === undefined ? 'equal' : 'differs',
    ...(detail !== undefined ? { detail } : {}),
    ...(savedTo !== undefined ? { savedTo } : {}),
    txs: txs.length,
    executed,
    invalid: txs.length - executed,
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    ms: { sequential: sequentialMs, parallel: performance.now() - started },
  }
}

interface SenderKey {
  readonly key: Uint8Array
  readonly address: Uint8Array
}

function senderKeys(secretKey: string): SenderKey[] {
  const own = Uint8Array.from(Buffer.from(secretKey.slice(2), 'hex'))
  const keys: SenderKey[] = [{ key: own, address: privateToAddress(own) }]
  for (let k = 1; k <= DERIVED_SENDERS; k++) {
    const key = keccak_256(new TextEncoder().encode(`pevm state-test packed sender ${k} of ${secretKey}`))
    keys.push({ key, address: privateToAddress(key) })
  }
  return keys
}

/** The test's pre-state plus, for each derived sender, a copy of the sender's own entry (when it has one). */
function preWithDerivedSenders(test: StateTest, keys: readonly SenderKey[]): Record<string, PreStateAccountJson> {
  const pre: Record<string, PreStateAccountJson> = { ...test.pre }
  const ownAddress = hex(keys[0]!.address)
  const ownEntry = Object.entries(test.pre).find(([address]) => address.toLowerCase() === ownAddress)?.[1]
  if (ownEntry === undefined) return pre
  for (const { address } of keys.slice(1)) pre[hex(address)] = ownEntry
  return pre
}
