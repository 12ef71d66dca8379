/**
 * What a hint source says about the transactions of a block before they run.
 *
 * Every source — the certain facts of a transaction, bytecode summaries,
 * EIP-2930 access lists, a hints file, an EIP-7928 block access list, a
 * pre-simulation — answers with one `TxPrediction` per transaction, in block
 * order. Predicted sets use the same `LocationKey`s as the executor's
 * recorded accesses, so predicted and actual sets compare directly.
 *
 * A prediction is advice, never truth: a wrong one may cost time, it must
 * never change a result.
 */
import type { AnalyzedTx } from './transaction.js'
import type { LocationKey } from '../src/shared/locations.js'
import type { PreState } from '../src/shared/preState.js'

/**
 * How far a source trusts what it names, weakest last:
 * - `certain`:  follows from the transaction alone or from data produced by executing the block (a BAL)
 * - `likely`:   derived from bytecode, a declaration (access list, hints file) or a pre-simulation
 * - `possible`: a coarse guess ("some slot of contract X")
 */
export type Confidence = 'certain' | 'likely' | 'possible'

const CONFIDENCE_RANK: Record<Confidence, number> = { certain: 2, likely: 1, possible: 0 }

export function weakerConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] ? a : b
}
export function strongerConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_RANK[a] >= CONFIDENCE_RANK[b] ? a : b
}

/**
 * "Some storage slot of this contract, we cannot say which": what the
 * analyzer predicts instead of silently predicting nothing when a mapping key
 * or a callee cannot be resolved. Always `possible`.
 */
export interface CoarseLocation {
  /** The contract whose storage is touched, as `addressChars` (20 one-byte chars). */
  readonly account: string
  readonly kind: 'any-storage'
  readonly access: 'read' | 'write'
}

export interface TxPrediction {
  readonly reads: ReadonlySet<LocationKey>
  readonly writes: ReadonlySet<LocationKey>
  readonly coarse: readonly CoarseLocation[]
  /** Explicit dependencies on earlier transactions (indices strictly below this one's, ascending). */
  readonly dependsOn?: readonly number[]
  /** The source's confidence in `reads`, `writes` and `dependsOn` (coarse entries are always `possible`). */
  readonly confidence: Confidence
  /**
   * The transaction itself reads the block beneficiary's balance (its code
   * does `block.coinbase.balance`): a real read, which depends on every
   * earlier fee, unlike the fee payments `feeLocations.ts` drops. Sources
   * that do not know the beneficiary say so here instead of naming its key.
   */
  readonly readsBeneficiaryBalance?: boolean
  /**
   * Balances the transaction adds to without reading them (fee payments,
   * plain value sent to an account it never reads): lazy credits, DELTAs in
   * the engine. Credits do not depend on each other; a later reader depends
   * on every credit since the last write.
   */
  readonly credits?: ReadonlySet<LocationKey>
  /** Gas the source expects the transaction to use, when it knows better than the gas limit. */
  readonly gas?: bigint
}

/** What every source may look at. */
export interface AnalysisContext {
  readonly txs: readonly AnalyzedTx[]
  readonly preState: PreState
  /** The block's beneficiary (header.coinbase), when known: its fee payments are never predicted. */
  readonly coinbase: Uint8Array | undefined
}

/** A hint source: one interface, usable alone or combined with others. */
export interface HintSource {
  /** As shown in reports and on graph edges, e.g. `bytecode`, `hints:file.json`. */
  readonly name: string
  /** One prediction per transaction of `ctx.txs`, in order. */
  predict(ctx: AnalysisContext): Promise<TxPrediction[]>
}

/** One source's answer, kept apart so that edges can say where they came from. */
export interface SourcePredictions {
  readonly source: string
  readonly predictions: readonly TxPrediction[]
  /** Wall time the source took (its own preparation included). */
  readonly ms: number
}

const EMPTY_SET: ReadonlySet<LocationKey> = new Set()

export function emptyPrediction(confidence: Confidence): TxPrediction {
  return { reads: EMPTY_SET, writes: EMPTY_SET, coarse: [], confidence }
}
