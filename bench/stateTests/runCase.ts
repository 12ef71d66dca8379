/**
 * One case, three checks:
 *
 *   1. the sequential reference against the test's expectation: the state
 *      root and logs hash, or the expected exception (the transaction must
 *      be rejected, with no effect on the state);
 *   2. the parallel engine against the sequential reference, on the same
 *      single-transaction block: receipts, errors, gas, bloom, post-state;
 *   3. when (1) fails, stock ethereumjs on the same case (`runStock`), to
 *      tell our bugs from ethereumjs's.
 *
 * The state-test convention for the coinbase: ethereumjs's (and geth's)
 * runner touches it before the transaction, so an empty coinbase is gone
 * from the post-state even when the transaction was rejected. Our block
 * executors touch it only by paying it; for a rejected or unbuildable
 * transaction this runner applies the rule itself (from Spurious Dragon on;
 * before that the touch creates it). Before the Merge, our executors also
 * pay the block reward, which state tests leave out: the runner takes it
 * back from the coinbase before computing the root.
 */
import type { Block } from '@ethereumjs/block'
import { ConsensusType, Hardfork } from '@ethereumjs/common'

import type { PostState } from '../../executor/blockExecution.js'
import { executeParallel } from '../../executor/parallel/executeParallel.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { firstDifference, observable } from '../../property-tests/support/observable.js'
import { addressChars } from '../../src/shared/locations.js'
import { type AccountState, EMPTY_CODE_HASH, type PreState } from '../../src/shared/preState.js'
import { caseBlockInput, casePreState, saveCaseBlock } from './caseBlock.js'
import { caseTransaction, signingCommon } from './caseTransaction.js'
import { hardforkOf } from './forks.js'
import { type CaseRef, type StateTest, type StateTestCase, caseName } from './stateTest.js'
import { type Log, hex, logsHashOf, stateRootOf } from './stateRoot.js'
import { runStock } from './stockEthereumjs.js'

export type FailureCategory =
  | 'state-root'
  | 'logs-hash'
  | 'executed-but-exception-expected'
  | 'rejected-unexpectedly'
  | 'runner-error'

export type Phase = 'sequential' | 'parallel' | 'stock'

export interface CaseOptions {
  /** Run the parallel engine too (default true). */
  readonly parallel?: boolean
  readonly workers?: number
  /** The parallel engine's watchdog (it falls back to sequential past it). */
  readonly parallelTimeoutMs?: number
  /** Run stock ethereumjs when the reference misses (default true). */
  readonly diagnose?: boolean
  /** Write each case that misses or differs as a block directory here (`pevm run` replays it). */
  readonly saveFailuresTo?: string
  /**
   * Told when each phase starts (the parent's per-phase timeout); from the
   * parallel phase on, with the result so far (so that a timeout there
   * still counts the reference's verdict).
   */
  readonly onPhase?: (phase: Phase, soFar?: CaseResult) => void
}

export interface CaseResult {
  readonly ref: CaseRef
  readonly name: string
  readonly verdict: 'passed' | 'failed'
  readonly category?: FailureCategory
  readonly detail?: string
  /** `unknown`: the runner failed before it knew. */
  readonly transaction: 'executed' | 'invalid' | 'unbuildable' | 'unknown'
  /** The reference's error for a rejected transaction (ethereumjs's message), or why it could not be built. */
  readonly error?: string
  /** `timeout`: set by the parent when the parallel phase outlived the per-phase timeout. */
  readonly parallel: 'equal' | 'differs' | 'not-run' | 'timeout'
  readonly parallelDetail?: string
  readonly fallbackReason?: string
  /** The block directory the case was saved to (see `saveFailuresTo`). */
  readonly savedTo?: string
  /** Only when the reference failed: whether stock ethereumjs passes the case (`timeout`: set by the parent). */
  readonly stock?: 'passes' | 'fails' | 'error' | 'timeout'
  readonly stockDetail?: string
  readonly ms: { readonly sequential: number; readonly parallel: number }
}

export async function runCase(test: StateTest, testCase: StateTestCase, options: CaseOptions = {}): Promise<CaseResult> {
  try {
    return await checkCase(test, testCase, options)
  } catch (error) {
    return runnerError(testCase, String((error as Error).stack ?? error))
  }
}

/** A case the runner itself failed on (a bug here or bad input): a failure, never a skip. */
export function runnerError(ref: CaseRef & { indexes?: StateTestCase['indexes'] }, detail: string): CaseResult {
  return {
    ref: refOf(ref),
    name: caseName(ref, ref.indexes),
    verdict: 'failed',
    category: 'runner-error',
    detail,
    transaction: 'unknown',
    parallel: 'not-run',
    ms: { sequential: 0, parallel: 0 },
  }
}

async function checkCase(test: StateTest, testCase: StateTestCase, options: CaseOptions): Promise<CaseResult> {
  const name = caseName(testCase, testCase.indexes)
  const hardfork = hardforkOf(testCase.fork)
  const built = caseTransaction(test.transaction, testCase.indexes, signingCommon(hardfork))
  const txs = built.kind === 'built' ? [built.tx] : []
  const preState = casePreState(test.pre, name)
  const block = { fork: testCase.fork, env: test.env, txs, name }

  options.onPhase?.('sequential')
  let started = performance.now()
  const input = caseBlockInput(block, preState)
  const sequential = await executeSequential(input)
  const sequentialMs = performance.now() - started
  const outcome = sequential.outcomes[0]
  const transaction = outcome === undefined ? 'unbuildable' : outcome.kind
  const error = built.kind === 'unbuildable' ? built.error : outcome?.kind === 'invalid' ? outcome.error : undefined
  const logs = outcome?.kind === 'executed' ? ((outcome.receipt.logs ?? []) as unknown as Log[]) : []
  const post = asStateTestPost(sequential.postState(), preState, input.parsed.block, transaction === 'executed')
  const stateRoot = hex(await stateRootOf(post))
  const logsHash = hex(logsHashOf(logs))
  const verdict = judge(testCase, transaction, error, stateRoot, logsHash)

  const soFar: CaseResult = {
    ref: refOf(testCase),
    name,
    verdict: verdict.category === undefined ? 'passed' : 'failed',
    ...(verdict.category !== undefined ? { category: verdict.category, detail: verdict.detail } : {}),
    transaction,
    ...(error !== undefined ? { error } : {}),
    parallel: 'not-run',
    ms: { sequential: sequentialMs, parallel: 0 },
  }
  let parallel: CaseResult['parallel'] = 'not-run'
  let parallelDetail: string | undefined
  let fallbackReason: string | undefined
  let parallelMs = 0
  if (options.parallel !== false) {
    options.onPhase?.('parallel', soFar)
    started = performance.now()
    try {
      // The block with the header's gasUsed filled in, as a real block carries it (the engine sizes its
      // memory by it). No transaction observes it; and a rejected transaction used no gas, so its block
      // (whose hash ethereumjs's error message names) is the very block the reference ran.
      const final = caseBlockInput({ ...block, gasUsed: sequential.gasUsed }, preState)
      const execution = await executeParallel(final, { workers: options.workers ?? 2, timeoutMs: options.parallelTimeoutMs })
      fallbackReason = execution.stats.fallbackReason as string | undefined
      parallelDetail = firstDifference(observable(sequential), observable(execution))
      parallel = parallelDetail === undefined ? 'equal' : 'differs'
    } catch (failure) {
      parallel = 'differs'
      parallelDetail = `the parallel engine threw: ${String((failure as Error).stack ?? failure)}`
    }
    parallelMs = performance.now() - started
  }

  let stock: CaseResult['stock']
  let stockDetail: string | undefined
  if (verdict.category !== undefined && options.diagnose !== false) {
    options.onPhase?.('stock', { ...soFar, parallel, ...(parallelDetail !== undefined ? { parallelDetail } : {}), ...(fallbackReason !== undefined ? { fallbackReason } : {}) })
    try {
      const result = await runStock(test, testCase)
      const stockVerdict = judge(testCase, result.transaction, result.error, result.stateRoot, result.logsHash)
      stock = stockVerdict.category === undefined ? 'passes' : 'fails'
      stockDetail = `stock: ${result.transaction}${result.error !== undefined ? ` (${result.error.slice(0, 200)})` : ''}, root ${result.stateRoot}, logs ${result.logsHash}`
    } catch (failure) {
      stock = 'error'
      stockDetail = String((failure as Error).stack ?? failure)
    }
  }

  const savedTo =
    options.saveFailuresTo !== undefined && (verdict.category !== undefined || parallel === 'differs')
      ? saveCaseBlock(options.saveFailuresTo, block, test.pre, sequential)
      : undefined
  return {
    ...soFar,
    ...(savedTo !== undefined ? { savedTo } : {}),
    parallel,
    ...(parallelDetail !== undefined ? { parallelDetail } : {}),
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    ...(stock !== undefined ? { stock, stockDetail } : {}),
    ms: { sequential: sequentialMs, parallel: parallelMs },
  }
}

function judge(
  testCase: StateTestCase,
  transaction: CaseResult['transaction'],
  error: string | undefined,
  stateRoot: string,
  logsHash: string,
): { category?: FailureCategory; detail?: string } {
  const { expected } = testCase
  if (expected.exception !== undefined && transaction === 'executed') {
    return { category: 'executed-but-exception-expected', detail: `expected ${expected.exception}, but the transaction executed` }
  }
  if (expected.exception === undefined && transaction !== 'executed') {
    return { category: 'rejected-unexpectedly', detail: `the transaction was ${transaction}: ${error ?? ''}` }
  }
  if (stateRoot !== expected.stateRoot) return { category: 'state-root', detail: `state root ${stateRoot}, expected ${expected.stateRoot}` }
  if (logsHash !== expected.logsHash) return { category: 'logs-hash', detail: `logs hash ${logsHash}, expected ${expected.logsHash}` }
  return {}
}

/**
 * The post-state as a state test sees it. Before the Merge the block pays
 * its miner a reward, which state tests leave out: it is taken back. Then
 * the runner's touch of the coinbase (see above), when the transaction did
 * not pay it — or when the reward did.
 */
function asStateTestPost(post: PostState, pre: PreState, block: Block, executed: boolean): PostState {
  const { coinbase } = block.header
  const { common } = block
  const key = addressChars(coinbase.bytes)
  const accounts = new Map(post)
  // The block's Common: the VM added its parameters (the reward among them) to it.
  const rewarded = common.consensusType() === ConsensusType.ProofOfWork
  if (rewarded) {
    const account = accounts.get(key)!
    accounts.set(key, { ...account, balance: account.balance - common.param('minerReward') })
  }
  if (executed && !rewarded) return accounts
  const account = accounts.get(key)
  if (common.gteHardfork(Hardfork.SpuriousDragon)) {
    if (account !== undefined && isEmpty(account)) accounts.delete(key)
  } else if (account === undefined && !pre.has(key)) {
    accounts.set(key, { address: coinbase.bytes, balance: 0n, nonce: 0n, code: new Uint8Array(0), codeHash: EMPTY_CODE_HASH, storage: new Map() })
  }
  return accounts
}

function isEmpty(account: AccountState): boolean {
  return account.nonce === 0n && account.balance === 0n && account.code.length === 0
}

function refOf({ file, test, fork, index }: CaseRef): CaseRef {
  return { file, test, fork, index }
}
