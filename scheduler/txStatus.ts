/**
 * The status word of one transaction: its incarnation number and where that
 * incarnation is in its life, packed into one Int32 so that every transition
 * is a single `Atomics.compareExchange` (no lock, no torn pair).
 *
 *     bit 31 ............................ 2 | 1 0
 *         incarnation (0 .. 2^29 - 1)       | status
 *
 * The status machine (Block-STM §3, Algorithm 5). Every arrow is one
 * compareExchange by the only party allowed to take it:
 *
 *   READY_TO_EXECUTE(i) --tryIncarnate--------------------> EXECUTING(i)
 *   EXECUTING(i)        --finishExecution-----------------> EXECUTED(i)
 *   EXECUTING(i)        --addDependency (read an ESTIMATE,
 *                         or a start dependency not met)--> ABORTING(i)
 *   EXECUTED(i)         --tryValidationAbort-------------> ABORTING(i)
 *   ABORTING(i)         --setReadyStatus (finishValidation
 *                         or resumeDependencies)----------> READY_TO_EXECUTE(i+1)
 *
 * Who may take each arrow:
 * - tryIncarnate: anyone; the compareExchange elects one winner, so at most
 *   one worker ever executes a given incarnation.
 * - finishExecution / addDependency: only the worker executing (tx, i).
 * - tryValidationAbort: any validator of (tx, i); the compareExchange elects
 *   one, so an incarnation is aborted at most once.
 * - setReadyStatus: only the party that moved the word to ABORTING (the
 *   winning validator), or the worker that resumes the dependency list the
 *   transaction waits in. Exactly one of the two, never both.
 *
 * Invariant: the incarnation number only grows, by one, and only on
 * ABORTING → READY_TO_EXECUTE.
 */
import { incarnation as toIncarnation, type Incarnation } from '../src/shared/types.js'

export const TxStatus = {
  ReadyToExecute: 0,
  Executing: 1,
  Executed: 2,
  Aborting: 3,
} as const
export type TxStatus = (typeof TxStatus)[keyof typeof TxStatus]

export const TX_STATUS_NAMES: Record<TxStatus, string> = {
  [TxStatus.ReadyToExecute]: 'READY_TO_EXECUTE',
  [TxStatus.Executing]: 'EXECUTING',
  [TxStatus.Executed]: 'EXECUTED',
  [TxStatus.Aborting]: 'ABORTING',
}

const STATUS_BITS = 2
const STATUS_MASK = (1 << STATUS_BITS) - 1
export const MAX_INCARNATION = (1 << (31 - STATUS_BITS)) - 1

export function packStatus(incarnation: number, status: TxStatus): number {
  return (incarnation << STATUS_BITS) | status
}

export function statusOf(word: number): TxStatus {
  return (word & STATUS_MASK) as TxStatus
}

export function incarnationOf(word: number): Incarnation {
  return (word >>> STATUS_BITS) as Incarnation
}

/** A readable snapshot of one status word, for tests and diagnostics. */
export interface TxStatusView {
  readonly incarnation: Incarnation
  readonly status: TxStatus
}

export function describeStatusWord(word: number): TxStatusView {
  return { incarnation: toIncarnation(word >>> STATUS_BITS), status: statusOf(word) }
}
