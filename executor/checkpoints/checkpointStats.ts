/** What read checkpoints did in one worker for one block (summed over workers in the result). */
export interface CheckpointStats {
  /** Checkpoints taken. */
  taken: number
  /** Re-executions that resumed from a checkpoint. */
  used: number
  /** Approximate bytes of frame and transaction state captured by the checkpoints taken. */
  bytes: number
  /** EVM gas of the outermost frame that resumed re-executions did not run again. */
  gasSkipped: number
  /** Re-executions that started over: no checkpoint of theirs on this worker, or none still valid. */
  fullRestarts: number
  /** Of those: the transaction had no checkpoint at all. */
  noneTaken: number
  /** Of those: its checkpoints were on another worker. */
  elsewhere: number
  /** A checkpoint was chosen but the re-run reads before its frame differed: started over. */
  preambleChanged: number
  /** Checkpoints published for the other workers, and their serialized bytes. */
  shared: number
  sharedBytes: number
  /** Of `used`: resumed from a checkpoint another worker took. */
  usedFromOtherWorker: number
  /** Checkpoints dropped to stay within the policy's bytes per worker. */
  dropped: number
}

export function emptyCheckpointStats(): CheckpointStats {
  return { taken: 0, used: 0, bytes: 0, gasSkipped: 0, fullRestarts: 0, noneTaken: 0, elsewhere: 0, preambleChanged: 0, shared: 0, sharedBytes: 0, usedFromOtherWorker: 0, dropped: 0 }
}

export function addCheckpointStats(total: CheckpointStats, more: CheckpointStats): void {
  for (const key of Object.keys(total) as (keyof CheckpointStats)[]) total[key] += more[key]
}
