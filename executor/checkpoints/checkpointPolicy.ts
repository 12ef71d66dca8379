/**
 * Which reads get a checkpoint. A checkpoint costs a copy of the frame and
 * of the transaction's state so far (microseconds), and pays only if a later
 * read is invalidated and the re-execution lands on this worker, so it is
 * taken where a conflict is likely or where much work would otherwise be
 * repeated:
 *
 * - predicted conflict: the location about to be read already has an entry
 *   of a lower transaction in the multi-version memory — a write, a lazy
 *   credit, or an ESTIMATE (an aborted writer's, or one the analyzer's graph
 *   pre-marked through scheduling hints). A read there is the kind that
 *   validation rejects or that blocks.
 * - the cheap default: before any outermost read or call once `everyGas`
 *   gas was spent since the last checkpoint (or the frame's start), so a
 *   transaction that does substantial work before an unpredicted conflict
 *   loses at most that much.
 *
 * Both need at least `minimumGas` since the last checkpoint: two checkpoints
 * a few instructions apart save nothing over one.
 *
 * When an incarnation ends, its most advanced checkpoint is published for the
 * other workers (sharedCheckpoints.ts) if it skips at least `shareGas`: the
 * copy costs tens of microseconds, and the re-execution usually runs on
 * another worker.
 */
export interface CheckpointPolicy {
  readonly everyGas: number
  readonly minimumGas: number
  readonly shareGas: number
  /**
   * Bytes of checkpoints a worker keeps for one block; past it, the
   * checkpoints of the transactions it took them for first are dropped
   * (lower transactions are final soonest). A big block of memory-heavy
   * transactions would otherwise hold gigabytes.
   */
  readonly maxBytesPerWorker: number
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyGas: 50_000, minimumGas: 2_000, shareGas: 20_000, maxBytesPerWorker: 128 << 20 }

/** A checkpoint before every outermost read and call: the most a test can exercise (and the most it costs). */
export const EVERY_READ: CheckpointPolicy = { ...DEFAULT_CHECKPOINT_POLICY, everyGas: 0, minimumGas: 0, shareGas: 0 }
