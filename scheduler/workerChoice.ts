/**
 * How many workers a block deserves, from its predicted dependency graph:
 * no schedule runs faster than its critical path, so past
 * total work / critical path workers the extra ones can only execute
 * transactions whose inputs are not ready yet — doomed executions that abort
 * and cost the others validations and cache.
 *
 *   ratio = total work / critical path          (the graph's unbounded speedup)
 *   ratio < CHAIN_RATIO   → 1 worker            (a chain: one worker wastes nothing)
 *   otherwise             → min(available, ceil(HEADROOM × ratio))
 *
 * HEADROOM, because predicted graphs over-approximate (a predicted edge may
 * not be real; gas limits stand in for gas used): capping at exactly the
 * ratio cost 3–12% in projections of a mainnet block at 8–32 workers, and
 * at twice the ratio still up to ~100% on one (19426587 at 32 workers).
 * On two cores only the chain rule ever bites.
 *
 * Pure arithmetic on the graph's numbers: no EVM, no threads.
 */
export interface WorkerChoiceInput {
  /** Sum of the transactions' expected costs (e.g. gas). */
  readonly totalWork: number
  /** The heaviest chain of predicted dependencies, in the same unit. */
  readonly criticalPath: number
  /** Workers the machine offers (≥ 1). */
  readonly available: number
}

export const CHAIN_RATIO = 1.5
export const HEADROOM = 4

export function chooseWorkerCount({ totalWork, criticalPath, available }: WorkerChoiceInput): number {
  if (!Number.isInteger(available) || available < 1) throw new RangeError(`chooseWorkerCount: available must be a whole number ≥ 1, got ${available}`)
  if (!(totalWork > 0) || !(criticalPath > 0)) return available // nothing known: no reason to hold back
  const ratio = totalWork / Math.min(criticalPath, totalWork)
  if (ratio < CHAIN_RATIO) return 1
  return Math.min(available, Math.ceil(HEADROOM * ratio))
}
