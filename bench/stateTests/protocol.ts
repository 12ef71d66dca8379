/**
 * Messages between the runner (parent) and its child processes. One unit
 * of work at a time per child; the child announces every phase it starts,
 * so that the parent can time each phase out (a CPU-bound `runTx` cannot be
 * interrupted from inside: the parent kills the child and starts another).
 *
 *   parent ──singles{file,test,fork,cases}──▶ child ──phase…, case…, idle──▶ parent
 *   parent ──pack{plan}─────────────────────▶ child ──phase…, pack, idle───▶ parent
 */
import type { PackPhase, PackPlan, PackResult } from './packedBlocks.js'
import type { CaseResult, Phase } from './runCase.js'

export interface ChildOptions {
  readonly parallel: boolean
  readonly workers: number
  /** The parallel engine's own watchdog; set above the runner's per-phase timeout so that the runner decides. */
  readonly parallelTimeoutMs: number
  readonly diagnose: boolean
  /** Where to write the blocks that miss or differ (undefined: nowhere). */
  readonly saveFailuresTo: string | undefined
}

export interface SinglesUnit {
  readonly file: string
  readonly test: string
  readonly fork: string
  /** Positions in `post[fork]`. */
  readonly cases: readonly number[]
}

export type ToChild =
  | { readonly kind: 'singles'; readonly unit: SinglesUnit }
  | { readonly kind: 'pack'; readonly plan: PackPlan }

export type FromChild =
  | { readonly kind: 'ready' }
  | { readonly kind: 'phase'; readonly key: string; readonly phase: Phase | PackPhase; readonly soFar?: CaseResult }
  | { readonly kind: 'case'; readonly result: CaseResult }
  | { readonly kind: 'pack'; readonly result: PackResult }
  | { readonly kind: 'idle' }
  /** The unit could not run at all (e.g. its fixture failed to load): a runner error. */
  | { readonly kind: 'unit-error'; readonly error: string }
