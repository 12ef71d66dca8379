/**
 * What executing a block produces, whichever engine executed it. Two
 * executions of the same block must agree on everything here but `ms`,
 * `stats` and `accesses`.
 */
import type { TxReceipt } from '@ethereumjs/vm'

import { isPevmError } from '../src/shared/errors.js'
import type { AccountState } from '../src/shared/preState.js'
import type { TxAccess } from './state/accessRecorder.js'

export type TxOutcome =
  | {
      readonly index: number
      readonly kind: 'executed'
      /** Gas this transaction used (its receipt's share of the cumulative gas). */
      readonly gasUsed: bigint
      readonly status: 'success' | 'reverted'
      readonly receipt: TxReceipt
      readonly createdAddress: string | undefined
    }
  | {
      readonly index: number
      /** Rejected before execution (nonce, balance, intrinsic gas, gas limit, signature): no receipt, no state change. */
      readonly kind: 'invalid'
      /** ethereumjs's error message, the same for every engine. */
      readonly error: string
    }

/** Address (20 one-byte chars) → account after the block; deleted accounts are absent. */
export type PostState = ReadonlyMap<string, AccountState>

export interface EngineStats {
  readonly engine: 'sequential' | 'parallel'
  readonly [field: string]: unknown
}

export interface BlockExecution {
  readonly number: bigint
  readonly outcomes: readonly TxOutcome[]
  readonly gasUsed: bigint
  readonly logsBloom: Uint8Array
  readonly receiptsRoot: Uint8Array
  /** Built on demand: every pre-state account plus every account created, as after the block. */
  readonly postState: () => PostState
  /** Per transaction, when recording was asked for. */
  readonly accesses: readonly TxAccess[] | undefined
  /** Things the caller should know that are not failures (e.g. uncle rewards that could not be paid). */
  readonly warnings: readonly string[]
  /** Execution wall time: sender recovery included, loading excluded. */
  readonly ms: number
  readonly stats: EngineStats
}

/** Errors that abort the whole block instead of marking one transaction invalid (bad input, bugs). */
export function isAbortingError(error: unknown): boolean {
  return isPevmError(error)
}
