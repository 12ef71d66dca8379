import type { MVMemoryBuffers } from '../../scheduler/mvmemory.js'
import type { SchedulerBuffers } from '../../scheduler/scheduler.js'
import type { BaseStateBuffers } from './baseState.js'
import type { TxOutput } from './txOutput.js'

/** What the main thread hands each worker for one block (SharedArrayBuffers are shared, not copied). */
export interface WorkerTask {
  /** Identifies the block, so a worker parses each block once (warm repeats reuse it). */
  readonly blockId: number
  /** block.json's text (a string is cloned with one copy); parsed once per block by each worker. */
  readonly blockText: string
  readonly blockHashes: readonly (readonly [bigint, Uint8Array])[]
  readonly scheduler: SchedulerBuffers
  readonly mv: MVMemoryBuffers
  readonly base: BaseStateBuffers
  /** Execution-only benchmarks: the senders' public keys, recovered beforehand (undefined: recover on the workers). */
  readonly senderKeys?: readonly (Uint8Array | undefined)[]
  /** Test-only: a busy delay (µs) before each execution, from this seeded sequence, to perturb interleavings. */
  readonly delaysUs?: readonly number[]
  /** Test-only fault injection: prove that a dead or stuck worker cannot hang or corrupt a block. */
  readonly faults?: WorkerFaults
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
      readonly wallMs: number
    }
  | { readonly kind: 'fallback'; readonly reason: string }
