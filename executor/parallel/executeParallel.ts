/**
 * The parallel engine: Block-STM over ethereumjs on worker threads.
 *
 *   main thread                          workers (piscina, warm across blocks)
 *   ───────────                          ─────────────────────────────────────
 *   block-start rules on the pre-state
 *   base table, scheduler, MV memory  →  attach; loop: next task → execute
 *   (SharedArrayBuffers)                 (runTx over a versioned view) or
 *                                        validate → report, until done
 *   merge outputs (last incarnation)  ←  one report per worker per block
 *   final writes + block-end rules
 *   receipts, bloom, receipts root
 *
 * Anything the engine does not model, a worker that throws, or a block that
 * outlives its watchdog falls back to the sequential reference for that
 * block: the result is always the sequential one, and the fallback is
 * counted with its reason.
 */
import { type Common, Hardfork } from '@ethereumjs/common'
import type { TypedTransaction } from '@ethereumjs/tx'

import { MVMemory, type ReusableLocations } from '../../scheduler/mvmemory.js'
import { Scheduler } from '../../scheduler/scheduler.js'
import { HintTrust } from '../../scheduler/hintTrust.js'
import { type FinalValue } from '../../scheduler/mvmemory.js'
import { wordToBigInt } from '../../scheduler/word256.js'
import { type LocationKey, LocationKind, accountCharsOf, isLocationKey, kindOf } from '../../src/shared/locations.js'
import { stripLeadingZeros } from '../../src/shared/bytes.js'
import { EMPTY_CODE_HASH } from '../../src/shared/preState.js'
import type { BlockExecution, TxOutcome } from '../blockExecution.js'
import type { BlockInput } from '../blockInput.js'
import { exceedsRemainingBlockGas, remainingBlockGasError } from '../blockGasLimit.js'
import { journalOfVm } from '../blockRules/blockJournal.js'
import { applyBlockEnd, applyBlockStart } from '../blockRules/blockRules.js'
import { createExecutionVm } from '../../src/chain/crypto/bn254.js'
import { blockHashLookup } from '../evm/blockHashes.js'
import { orderedTrieRootOfLeafHashes } from '../orderedTrieRoot.js'
import { type ReceiptParts, assembleReceipt, receiptOfParts } from '../receiptParts.js'
import { logsBloomOf, receiptsRootOfEncoded, type TypedReceipt } from '../receipts.js'
import { type SenderRecovery, hintedSenders, senderPublicKeys } from '../senders.js'
import { executeSequential } from '../sequential/executeSequential.js'
import { type CheckpointPolicy, DEFAULT_CHECKPOINT_POLICY } from '../checkpoints/checkpointPolicy.js'
import { type CheckpointStats, addCheckpointStats, emptyCheckpointStats } from '../checkpoints/checkpointStats.js'
import { SharedCheckpoints } from '../checkpoints/sharedCheckpoints.js'
import { OverlayState } from '../state/overlayState.js'
import { baseStateOf } from './baseState.js'
import { blockIdentity } from './blockIdentity.js'
import { BlockGasSpent, mergeReceiptLeaves } from './receiptLeaves.js'
import { SharedSenderKeys } from './sharedSenderKeys.js'
import type { TxOutput } from './txOutput.js'
import { workerCount, workerPool } from './workerPool.js'
import type { WorkerFaults, WorkerReport, WorkerTask } from './workerTask.js'

export interface ParallelOptions {
  /** Worker threads (default: the machine's cores). */
  readonly workers?: number
  /** Watchdog: a block not done by then is abandoned and re-executed sequentially (default 60 s + 50 ms per tx). */
  readonly timeoutMs?: number
  /**
   * Scheduling hints, fed to the scheduler's hooks before the block starts.
   * Advice, never truth: hints that are out of range, point forward or are
   * plainly wrong are ignored or cost time; they never change the result.
   */
  readonly hints?: SchedulingHints
  /**
   * Chain each transaction after the previous one from the same sender (a
   * start dependency): their nonces make that dependency certain. Senders are
   * taken from block.json's `from` as a hint (recovered senders stay the
   * truth: a wrong `from` only costs time). Default on.
   */
  readonly senderChains?: boolean
  /**
   * Read checkpoints (issue 11): a re-execution resumes from a snapshot taken
   * before its first invalidated read instead of starting over. `true` uses
   * the default policy (executor/checkpoints/checkpointPolicy.ts). Default off.
   */
  readonly checkpoints?: boolean | CheckpointPolicy
  /** `precomputed` only for execution-only benchmarks (see SenderRecovery). */
  readonly senderRecovery?: SenderRecovery
  /** Test-only: busy delays (µs) injected before executions, to perturb interleavings. */
  readonly delaysUs?: readonly number[]
  /** Test-only: make a worker throw or hang, or run a deliberately broken engine (see WorkerFaults). */
  readonly faults?: WorkerFaults & { readonly skipValidation?: boolean }
}

export interface SchedulingHints {
  /** [j, i]: transaction j should not start before transaction i has executed (i < j). */
  readonly startAfter?: readonly (readonly [number, number])[]
  /** [tx, locations]: tx is predicted to write these locations (pre-marked ESTIMATE). */
  readonly estimates?: readonly (readonly [number, readonly LocationKey[]])[]
  /** 'monitor' (default): stop following hints once they prove wrong (scheduler/hintTrust.ts); 'always': never stop (for measurements). */
  readonly trust?: 'monitor' | 'always'
}

export interface ParallelStats {
  readonly engine: 'parallel'
  readonly workers: number
  readonly executions: number
  readonly reExecutions: number
  readonly validations: number
  readonly validationAborts: number
  readonly dependencyAborts: number
  /** Executions stopped at their next read once a lower transaction published over an earlier one, and run again at once. */
  readonly staleRestarts: number
  readonly fallbacks: number
  readonly fallbackReason: string | undefined
  readonly busyMsPerWorker: readonly number[]
  readonly [field: string]: unknown
}

const MAX_WORD = (1n << 256n) - 1n

export async function executeParallel(input: BlockInput, options: ParallelOptions = {}): Promise<BlockExecution> {
  const workers = workerCount(options.workers)
  const started = performance.now()
  const attempt = await tryParallel(input, workers, options)
  if (attempt.kind === 'ok') return { ...attempt.execution, ms: performance.now() - started }
  // The fallback is the sequential reference itself: same result by construction, counted and explained.
  const sequential = await executeSequential(input, { senderRecovery: options.senderRecovery })
  return {
    ...sequential,
    ms: performance.now() - started,
    warnings: [...sequential.warnings, `parallel execution fell back to sequential: ${attempt.reason}`],
    stats: { ...emptyStats(workers), fallbacks: 1, fallbackReason: attempt.reason },
  }
}

type Attempt = { kind: 'ok'; execution: BlockExecution } | { kind: 'fallback'; reason: string }

async function tryParallel(input: BlockInput, workers: number, options: ParallelOptions): Promise<Attempt> {
  const phases = new PhaseClock()
  const { block } = input.parsed
  const txCount = block.transactions.length
  const common = block.common

  // Block-start rules (system calls) run here; their writes become part of the base state.
  const state = new OverlayState(input.preState)
  const vm = await createExecutionVm({ common, stateManager: state, blockchain: blockHashLookup(input.blockHashes) as never })
  const journal = journalOfVm(vm)
  await vm.evm.journal.checkpoint()
  await applyBlockStart(journal, input.parsed)

  phases.lap('blockStart')
  let reports: WorkerReport[] = []
  let mv: MVMemory | undefined
  let scheduler: Scheduler | undefined
  let trust: HintTrust | undefined
  let hintsApplied = { startAfter: 0, estimates: 0, rejected: 0 }
  if (txCount > 0) {
    const base = baseStateOf(input.preState).withOverrides(state.changedAccounts())
    trust = HintTrust.create(txCount, { alwaysTrust: options.hints?.trust === 'always' })
    scheduler = Scheduler.create({ txCount, trust })
    mv = MVMemory.create({
      trust,
      txCount,
      reuse: takeSpareLocations(),
      capacity: { locations: locationCapacity(txCount, block.header.gasUsed, common) },
      faults: options.faults?.skipValidation === true ? { skipValidation: true } : undefined,
    })
    const senderHints = options.senderChains === false ? [] : sameSenderChains(input)
    hintsApplied = applyHints({ ...options.hints, startAfter: [...(options.hints?.startAfter ?? []), ...senderHints] }, scheduler, mv)
    const { id, text } = blockIdentity(input)
    const checkpoints = checkpointPolicyOf(options.checkpoints)
    const task: WorkerTask = {
      blockId: id,
      blockText: text,
      blockHashes: [...input.blockHashes],
      scheduler: scheduler.buffers,
      mv: mv.buffers,
      base: base.buffers,
      delaysUs: options.delaysUs,
      faults: options.faults,
      checkpoints,
      sharedCheckpoints: checkpoints === undefined ? undefined : SharedCheckpoints.create(txCount).buffers,
      startedExecutions: new SharedArrayBuffer(8 * txCount),
      blockGasSpent: BlockGasSpent.create(txCount).buffer,
      senderKeys: sharedSenderKeys(block.transactions, options.senderRecovery ?? 'recover').buffers,
    }
    phases.lap('setup')
    const outcome = await runOnPool(task, Math.min(workers, txCount), options.timeoutMs ?? 60_000 + 50 * txCount, scheduler)
    if (outcome.kind === 'fallback') return outcome
    reports = outcome.reports
    phases.lap('workers')
  }

  // Each transaction's output is the one of its last incarnation, whichever worker ran it.
  const outputs: TxOutput[] = new Array(txCount)
  for (const report of reports) {
    if (report.kind !== 'done') continue
    for (const output of report.outputs) {
      const current = outputs[output.tx]
      if (current === undefined || current.incarnation < output.incarnation) outputs[output.tx] = output
    }
  }

  if (process.env.PEVM_DEBUG_INCARNATIONS !== undefined) {
    ;(globalThis as Record<string, unknown>).__pevmIncarnations = outputs.map((output) => output?.incarnation ?? -1)
  }
  const outcomes: TxOutcome[] = []
  const receipts: TypedReceipt[] = []
  const receiptParts: ReceiptParts[] = []
  let gasUsed = 0n
  for (let index = 0; index < txCount; index++) {
    const output = outputs[index]
    if (output === undefined) return { kind: 'fallback', reason: `no output for transaction ${index} (engine bug)` }
    const tx = block.transactions[index]!
    // runBlock checks the gas the block has left before anything else (see executeSequential).
    if (exceedsRemainingBlockGas(tx, gasUsed, block.header.gasLimit)) {
      // Sequentially this transaction is invalid and has no effect; if it ran, its writes are in the memory.
      if (output.kind === 'executed') return { kind: 'fallback', reason: `transaction ${index} exceeds the gas left in the block` }
      outcomes.push({ index, kind: 'invalid', error: remainingBlockGasError(vm, block) })
      continue
    }
    if (output.kind === 'invalid') {
      outcomes.push({ index, kind: 'invalid', error: output.error })
      continue
    }
    gasUsed += output.blockGasSpent
    const receipt = receiptOfParts(output.receipt, output.receiptParts, gasUsed)
    receipts.push({ receipt, txType: tx.type })
    receiptParts.push(output.receiptParts)
    outcomes.push({ index, kind: 'executed', gasUsed: output.gasUsed, status: output.status, receipt, createdAddress: output.createdAddress })
  }

  if (mv !== undefined && process.env.PEVM_DEBUG_READS !== undefined) {
    const tx = Number(process.env.PEVM_DEBUG_READS)
    ;(globalThis as Record<string, unknown>).__pevmReads = mv.recordedReads(tx)
    ;(globalThis as Record<string, unknown>).__pevmWrites = Object.fromEntries(Array.from({ length: txCount }, (_, i) => [i, mv!.recordedWrites(i)]))
  }
  phases.lap('merge')
  if (mv !== undefined) {
    const finals = mv.snapshot({ sorted: false })
    // Every worker has returned (a fallback with a straggler returned earlier), and the snapshot was the last read.
    spareLocations = mv.releaseLocations()
    phases.lap('snapshot')
    const applied = applyFinalValues(state, finals)
    if (applied !== undefined) return { kind: 'fallback', reason: applied }
  }
  phases.lap('applyWrites')
  const warnings = await applyBlockEnd(journal, input.parsed)
  await vm.evm.journal.commit()
  const { logsBloom, receiptsRoot, receiptsHashedBy } = receiptsRootAndBloom(reports, txCount, gasUsed, receipts, receiptParts)
  phases.lap('blockEndAndReceipts')

  const schedulerStats = scheduler?.stats()
  const executions = reports.reduce((sum, report) => sum + (report.kind === 'done' ? report.executions : 0), 0)
  const stats: ParallelStats = {
    engine: 'parallel',
    workers,
    executions,
    reExecutions: Math.max(0, executions - txCount),
    validations: reports.reduce((sum, report) => sum + (report.kind === 'done' ? report.validations : 0), 0),
    validationAborts: schedulerStats?.validationAborts ?? 0,
    dependencyAborts: schedulerStats?.dependencyAborts ?? 0,
    staleRestarts: reports.reduce((sum, report) => sum + (report.kind === 'done' ? report.staleRestarts : 0), 0),
    fallbacks: 0,
    fallbackReason: undefined,
    busyMsPerWorker: reports.map((report) => (report.kind === 'done' ? report.busyMs : 0)),
    reExecutionMs: reports.reduce((sum, report) => sum + (report.kind === 'done' ? report.reExecutionMs : 0), 0),
    checkpoints: sumCheckpointStats(reports.flatMap((report) => (report.kind === 'done' ? [report.checkpoints] : []))),
    setupMsPerWorker: reports.map((report) => (report.kind === 'done' ? report.setupMs : 0)),
    wallMsPerWorker: reports.map((report) => (report.kind === 'done' ? report.wallMs : 0)),
    senderRecoveries: sumCounters(reports.map((report) => (report.kind === 'done' ? report.senderRecoveries : {}))),
    hints: hintsApplied,
    hintTrust: trust?.report(),
    receiptsHashedBy,
    phaseMs: phases.laps,
  }
  return {
    kind: 'ok',
    execution: {
      number: block.header.number,
      outcomes,
      gasUsed,
      logsBloom,
      receiptsRoot,
      postState: () => state.postState(),
      accesses: undefined,
      warnings,
      ms: 0,
      stats,
    },
  }
}

/**
 * The receipts root and logs bloom: from the leaves the workers hashed
 * (receiptLeaves.ts) when they cover the block and agree with the merged
 * outputs' gas, else from the receipts here (a block with an invalid
 * transaction, or an engine bug: `receiptsHashedBy` says which happened).
 */
function receiptsRootAndBloom(
  reports: readonly WorkerReport[],
  txCount: number,
  gasUsed: bigint,
  receipts: readonly TypedReceipt[],
  parts: readonly ReceiptParts[],
) {
  const leaves = mergeReceiptLeaves(
    txCount,
    gasUsed,
    reports.map((report) => (report.kind === 'done' ? report.receiptLeaves : undefined)),
  )
  if (leaves !== undefined && receipts.length === txCount) {
    return { logsBloom: leaves.bloom, receiptsRoot: orderedTrieRootOfLeafHashes(leaves.hashes), receiptsHashedBy: 'workers' as const }
  }
  const encoded = receipts.map(({ receipt, txType }, i) => assembleReceipt(parts[i]!, receipt.cumulativeBlockGasUsed, txType))
  return { logsBloom: logsBloomOf(receipts), receiptsRoot: receiptsRootOfEncoded(encoded), receiptsHashedBy: 'main thread' as const }
}

/** How long workers get to return after a halt before the stragglers are terminated. */
const HALT_GRACE_MS = 1_000

type PoolOutcome = { kind: 'ok'; reports: WorkerReport[] } | { kind: 'fallback'; reason: string }

/** Runs the block on `threads` workers; a throw, a fallback or the watchdog halts everyone. */
async function runOnPool(task: WorkerTask, threads: number, timeoutMs: number, scheduler: Scheduler): Promise<PoolOutcome> {
  const pool = workerPool(threads)
  const abort = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const watchdog = new Promise<PoolOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'fallback', reason: `a worker did not finish within ${timeoutMs} ms (watchdog)` }), timeoutMs)
  })
  const runs = Array.from({ length: threads }, () => pool.run(task, { signal: abort.signal }) as Promise<WorkerReport>)
  const all = Promise.all(runs).then(
    (reports): PoolOutcome => {
      const fallback = reports.find((report) => report.kind === 'fallback')
      return fallback !== undefined ? { kind: 'fallback', reason: fallback.reason } : { kind: 'ok', reports }
    },
    (error: unknown): PoolOutcome => ({ kind: 'fallback', reason: `a worker failed: ${(error as Error).message ?? String(error)}` }),
  )
  const outcome = await Promise.race([all, watchdog])
  clearTimeout(timer)
  if (outcome.kind === 'fallback') {
    scheduler.halt() // the other workers stop at their next task
    // Only a worker still running after a grace period is terminated (piscina replaces the thread):
    // terminating a healthy one in the middle of a native call (keccak, secp256k1) can abort the process.
    const settled = Promise.allSettled(runs)
    let grace: NodeJS.Timeout | undefined
    await Promise.race([settled, new Promise((resolve) => (grace = setTimeout(resolve, HALT_GRACE_MS)))])
    clearTimeout(grace)
    abort.abort()
    await settled
  }
  return outcome
}

/**
 * The location memory of the last block that finished on the workers, for
 * the next block. Taken (not shared) so that two blocks executed at once by
 * one process never use the same memory; a block that falls back never
 * gives its memory back, as a worker may still be writing into it.
 */
let spareLocations: ReusableLocations | undefined

function takeSpareLocations(): ReusableLocations | undefined {
  const spare = spareLocations
  spareLocations = undefined
  return spare
}

/**
 * Distinct locations a block can touch, bounded by its gas: touching a new
 * location costs at least 20 gas before EIP-150 (BALANCE, EXTCODESIZE), a
 * few hundred until Berlin, and over 2,000 (cold access) since; an account
 * access may touch three locations. Past the capacity the block falls back,
 * visibly.
 */
function locationCapacity(txCount: number, gasUsed: bigint, common: Common): number {
  const gasPerLocation = common.gteHardfork(Hardfork.Berlin) ? 700n : common.gteHardfork(Hardfork.TangerineWhistle) ? 60n : 20n
  return Math.min(1 << 22, Math.max(4096, 64 * txCount, Number(gasUsed / gasPerLocation)))
}

/** The workers recover senders (`recover`); execution-only benchmarks hand them the keys (`precomputed`). */
function sharedSenderKeys(txs: readonly TypedTransaction[], mode: SenderRecovery): SharedSenderKeys {
  const shared = SharedSenderKeys.create(txs.length)
  if (mode === 'precomputed') {
    senderPublicKeys(txs).forEach((key, tx) => {
      shared.claim(tx)
      shared.publish(tx, key)
    })
  }
  return shared
}

/** [j, i] for consecutive transactions i < j of the same sender, by block.json's `from` (the engine's default start dependencies). */
export function sameSenderChains(input: BlockInput): [number, number][] {
  const last = new Map<string, number>()
  const chains: [number, number][] = []
  hintedSenders(input).forEach((from, index) => {
    if (from === undefined) return
    const previous = last.get(from)
    if (previous !== undefined) chains.push([index, previous])
    last.set(from, index)
  })
  return chains
}

/** Feeds hints to the scheduler's hooks; rejected ones (out of range, forward, duplicates) are counted and ignored. */
function applyHints(hints: SchedulingHints | undefined, scheduler: Scheduler, mv: MVMemory) {
  const applied = { startAfter: 0, estimates: 0, rejected: 0 }
  for (const [tx, after] of hints?.startAfter ?? []) {
    if (scheduler.addStartDependency(tx, after).kind === 'added') applied.startAfter++
    else applied.rejected++
  }
  for (const [tx, keys] of hints?.estimates ?? []) {
    const outcome = mv.preMarkEstimates(tx, keys.filter(isLocationKey))
    if (outcome.kind === 'added') applied.estimates += outcome.count
    else applied.rejected++
  }
  return applied
}


/**
 * Writes the multi-version memory's final values into the block-start state,
 * location by location. Returns a fallback reason if one is needed.
 *
 * A code location that ends zeroed is a deletion that no later transaction
 * undid (re-creating an account writes its code location again); deletions
 * are applied first, then nonces and balances (zero for a deleted account),
 * then slots. Locations of one kind are independent: no sort needed.
 */
function applyFinalValues(state: OverlayState, finals: readonly FinalValue[]): string | undefined {
  const byKind: Record<number, FinalValue[]> = { [LocationKind.Code]: [], [LocationKind.Nonce]: [], [LocationKind.Balance]: [], [LocationKind.Storage]: [] }
  for (const final of finals) byKind[kindOf(final.location)]?.push(final) // StorageWrites: engine-internal bookkeeping
  for (const final of byKind[LocationKind.Code]!) {
    if (final.kind !== 'value') continue
    const record = state.recordForFinalWrites(accountCharsOf(final.location))
    if (final.value.every((byte) => byte === 0)) {
      // Deleted: its nonce and balance (zero) and its zeroed slots are final values too.
      record.exists = false
      record.codeHash = EMPTY_CODE_HASH
    } else {
      record.exists = true
      record.codeHash = final.value
      if (final.code !== null && final.code.length > 0) state.registerCode(final.value, final.code)
    }
  }
  for (const final of byKind[LocationKind.Nonce]!) {
    const record = state.recordForFinalWrites(accountCharsOf(final.location))
    record.nonce = valueOf(final, record.nonce)
    record.exists ||= record.nonce !== 0n
  }
  for (const final of byKind[LocationKind.Balance]!) {
    const record = state.recordForFinalWrites(accountCharsOf(final.location))
    record.balance = valueOf(final, record.balance)
    if (record.balance > MAX_WORD) return 'a balance overflows 256 bits'
    record.exists ||= record.balance !== 0n
  }
  for (const final of byKind[LocationKind.Storage]!) {
    if (final.kind !== 'value') continue
    const record = state.recordForFinalWrites(accountCharsOf(final.location))
    record.storage.set(slotCharsOf(final.location), stripLeadingZeros(final.value))
  }
  return undefined
}

function valueOf(final: FinalValue, before: bigint): bigint {
  return final.kind === 'value' ? wordToBigInt(final.value) : before + wordToBigInt(final.deltaSum)
}

function slotCharsOf(key: LocationKey): string {
  return key.slice(21)
}

function sumCounters(counters: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {}
  for (const counter of counters) for (const [name, value] of Object.entries(counter)) sum[name] = (sum[name] ?? 0) + value
  return sum
}

function emptyStats(workers: number): ParallelStats {
  return {
    engine: 'parallel',
    workers,
    executions: 0,
    reExecutions: 0,
    validations: 0,
    validationAborts: 0,
    dependencyAborts: 0,
    staleRestarts: 0,
    fallbacks: 0,
    fallbackReason: undefined,
    busyMsPerWorker: [],
  }
}

function checkpointPolicyOf(option: ParallelOptions['checkpoints']): CheckpointPolicy | undefined {
  if (option === undefined || option === false) return undefined
  return option === true ? DEFAULT_CHECKPOINT_POLICY : option
}

function sumCheckpointStats(perWorker: readonly CheckpointStats[]): CheckpointStats {
  const total = emptyCheckpointStats()
  for (const stats of perWorker) addCheckpointStats(total, stats)
  return total
}

/** Where a block's wall time goes, phase by phase (reported in stats.phaseMs). */
class PhaseClock {
  readonly laps: Record<string, number> = {}
  private last = performance.now()

  lap(phase: string): void {
    const now = performance.now()
    this.laps[phase] = Math.round((now - this.last) * 100) / 100
    this.last = now
  }
}
