/**
 * Error classes of the scheduler and the multi-version memory, made in one
 * place so that callers can `catch` and switch on `name`.
 *
 * Two families, kept apart on purpose:
 *
 * - Expected outcomes that a caller must handle: `MVMemoryFullError` (a
 *   fixed-capacity table is full; the executor falls back to sequential
 *   execution of the block and says so in its result).
 * - Bugs: `SchedulerInvariantError` means a Block-STM invariant was broken
 *   (a status transition from the wrong state, a task finished twice). It is
 *   never expected; a test that sees one has found a bug.
 */

/** The shared areas a capacity error can name. */
export type MVMemoryResource = 'locations' | 'entries' | 'arena' | 'code' | 'startDependencies' | 'checkpoints'

/**
 * A shared table or arena is full. Tables never overflow silently: the write
 * that would overflow throws this instead, leaving the memory consistent
 * but unusable for the rest of the block (halt the scheduler and fall back).
 */
export class MVMemoryFullError extends Error {
  override readonly name = 'MVMemoryFullError' as const
  constructor(
    readonly resource: MVMemoryResource,
    /** The capacity that was exceeded, in the resource's unit (locations, bytes). */
    readonly capacity: number,
  ) {
    super(`multi-version memory full: ${resource} capacity ${capacity} exceeded; raise capacity.${resource} or execute the block sequentially`)
  }
}

/** A Block-STM invariant was violated: a bug in the caller or in the scheduler, never an expected outcome. */
export class SchedulerInvariantError extends Error {
  override readonly name = 'SchedulerInvariantError' as const
}

/** Thrown when a worker-only (blocking) API is called on the main thread. */
export class SchedulerThreadError extends Error {
  override readonly name = 'SchedulerThreadError' as const
}
