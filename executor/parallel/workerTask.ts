import type { MVMemoryBuffers } from '../../scheduler/mvmemory.js'
import type { SchedulerBuffers } from '../../scheduler/scheduler.js'
import type { CheckpointPolicy } from '../checkpoints/checkpointPolicy.js'
import type { CheckpointStats } from '../checkpoints/checkpointStats.js'
import type { SharedCheckpointsBuffers } from '../checkpoints/sharedCheckpoints.js'
import type { BaseStateBuffers } from './baseState.js'
import type { ReceiptLeaves } from './receiptLeaves.js'
import type { SharedSenderKeysBuffers } from './sharedSenderKeys.js'
import type { TxOutput } from './txOutput.js'

/** What the main thread hands each worker for one block (SharedArrayBuffers are shared, not copied). */
export interface WorkerTask {
  /** Identifies the block, so a worker parses each block once (warm repeats reuse it). */
  readonly blockId: number
  /** block.json's text, UTF-8 in shared memory (not copied per worker); parsed once per block by each worker. */
  readonly blockText: SharedArrayBuffer
  readonly blockHashes: readonly (readonly [bigint, Uint8Array])[]
  readonly scheduler: SchedulerBuffers
  readonly mv: MVMemoryBuffers
  readonly base: BaseStateBuffers
  /** Senders' public keys, recovered by the workers (or beforehand, for execution-only benchmarks). */
  readonly senderKeys: SharedSenderKeysBuffers
  /**
   * Two words per transaction: [0, n) set when an execution of it first
   * starts (on any worker: later ones are re-executions); [n, 2n) the thread
   * id of the last worker that took a read checkpoint of it (statistics).
   */
  readonly startedExecutions: SharedArrayBuffer
  /** Each transaction's gas, written by its executions (BlockGasSpent): the cumulative gas of the receipts the workers hash. */
  readonly blockGasSpent: SharedArrayBuffer
  /** Read checkpoints (executor/checkpoints): off when absent; the shared area where workers publish them. */
  readonly checkpoints?: CheckpointPolicy
  readonly sharedCheckpoints?: SharedCheckpointsBuffers
  /** Test-only: a busy delay (µs) before each execution, from this seeded sequence, to perturb interleavings. */
  readonly delaysUs?: readonly number[]
  /** Test-only fault injection: prove that a dead or stuck worker cannot hang or corrupt a block. */
  readonly faults?: WorkerFaults
}

/** Recover every sender's key of a block into `senderKeys`, for a sequential execution (poolSenderRecovery.ts). */
export interface SenderRecoveryTask {
  readonly blockId: number
  readonly blockText: SharedArrayBuffer
  readonly senderKeys: SharedSenderKeysBuffers
}

export interface WorkerFaults {
  /** Executing this transaction throws an unexpected error. */
  readonly throwAtTx?: number
  /** Executing this transaction never returns (a busy loop that blocks the thread). */
  readonly hangAtTx?: number
  /** Mutant: reads of this location kind are not recorded in read sets (validation cannot see them). */
  readonly unrecordedReadKind?: 'balance' | 'nonce' | 'code' | 'storage'
  /** Mutant: the beneficiary's fee is added to its balance as read at execution time (not lazily, and unrecorded). */
  readonly eagerBeneficiary?: boolean
}

export type WorkerReport =
  | {
      readonly kind: 'done'
      readonly outputs: TxOutput[]
      readonly executions: number
      readonly validations: number
      readonly busyMs: number
      /** Of busyMs: executions of incarnations > 0 (re-executions). */
      readonly reExecutionMs: number
      readonly checkpoints: CheckpointStats
      /** Parsing the block (first time only) and attaching to the shared memory. */
      readonly setupMs: number
      readonly senderRecoveries: { readonly whileIdle: number; readonly inExecution: number; readonly shared: number }
      /** Executions stopped at a stale read and run again at once. */
      readonly staleRestarts: number
      readonly wallMs: number
      /** The receipts-trie leaves and bloom of the receipts whose final incarnation ran here (see receiptLeaves.ts). */
      readonly receiptLeaves: ReceiptLeaves | undefined
    }
  | { readonly kind: 'fallback'; readonly reason: string }
