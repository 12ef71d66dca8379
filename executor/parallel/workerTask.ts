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
  /** Test-only: a busy delay (µs) before each execution, from this seeded sequence, to perturb interleavings. */
  readonly delaysUs?: readonly number[]
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
