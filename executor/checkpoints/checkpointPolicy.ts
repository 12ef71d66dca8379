/**
 * Which reads get a checkpoint. A checkpoint costs a copy of the frame and
 * of the transaction's state so far (microseconds), and pays only if a later
 * read is invalidated and the re-execution lands on this worker, so it is
 * taken where a conflict is likely or where much work would otherwise be
 * repeated:
 *
 * - predicted conflict: the location about to be read has an entry of a
 *   lower transaction in the multi-version memory that is not settled — an
 *   ESTIMATE (an aborted writer's, or one the analyzer's graph pre-marked
 *   through scheduling hints), or a write or lazy credit by a transaction
 *   not yet validated since it last executed, or by one of the
 *   `recentWriters` transactions just below (MVMemory.mayConflictBelow): a
 *   location written that close by is hot, and the transactions in between
 *   may write it again. A read there is the kind that validation rejects or
 *   that blocks.
 * - the cheap default: before any outermost read or call once `everyGas`
 *   gas was spent since the last checkpoint (or the frame's start), so a
 *   transaction that does substantial work before an unpredicted conflict
 *   loses at most that much.
 *
 * Both need at least `minimumGas` since the last checkpoint: two checkpoints
 * a few instructions apart save nothing over one. Both also scale with what
 * a checkpoint copies — the frame's memory and the transaction's state so
 * far (values read, undo entries, reads; counted as 64 bytes each): the
 * default rule wants `gasPerCopiedByte` gas of work per byte since the last
 * checkpoint, a predicted conflict a quarter of that (it is likely to pay).
 * Without it, a block whose contracts keep ~170 KiB of memory and read
 * thousands of slots ran 70% slower with checkpoints on (mainnet 16,257,471):
 * each checkpoint copied everything read so far.
 *
 * Publishing for the other workers costs a serialization of the same bytes
 * and of the frame's logs (node:v8 took 49 ms for one checkpoint carrying
 * 1.6 MB of logs on mainnet 15,537,394): it needs `shareGas` done in the
 * frame, as much per byte, and at most `maxSharedBytes`
 * (CheckpointSession.endIncarnation, sharedCheckpoints.ts).
 */
export interface CheckpointPolicy {
  readonly everyGas: number
  readonly minimumGas: number
  readonly recentWriters: number
  readonly gasPerCopiedByte: number
  readonly shareGas: number
  readonly maxSharedBytes: number
  /**
   * Bytes of checkpoints a worker keeps for one block; past it, the
   * checkpoints of the transactions it took them for first are dropped
   * (lower transactions are final soonest). A big block of memory-heavy
   * transactions would otherwise hold gigabytes.
   */
  readonly maxBytesPerWorker: number
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyGas: 50_000, minimumGas: 2_000, recentWriters: 4, gasPerCopiedByte: 2, shareGas: 20_000, maxSharedBytes: 64 << 10, maxBytesPerWorker: 128 << 20 }

/** A checkpoint before every outermost read and call: the most a test can exercise (and the most it costs). */
export const EVERY_READ: CheckpointPolicy = { ...DEFAULT_CHECKPOINT_POLICY, everyGas: 0, minimumGas: 0, gasPerCopiedByte: 0, shareGas: 0 }
