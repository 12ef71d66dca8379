/**
 * Word layout of the scheduler's SharedArrayBuffer (one Int32Array).
 *
 *   word
 *   0     EXECUTION_IDX        next transaction to try to execute
 *   1     VALIDATION_IDX       next transaction to try to validate
 *   2     DECREASE_CNT         number of index decreases so far
 *   3     NUM_ACTIVE_TASKS     tasks handed out and not yet finished
 *   4     DONE_MARKER          RUNNING | DONE | HALTED
 *   5     WORK_EPOCH           bumped whenever new work may have appeared
 *   6     SLEEPERS             workers inside Atomics.wait on WORK_EPOCH
 *   7     TX_COUNT             block size, written once at creation
 *   8     START_POOL_NEXT      start-dependency nodes used so far
 *   9     START_POOL_CAPACITY  start-dependency nodes available
 *   10-14 STAT_*               counters for reports (Atomics.add only)
 *   15    (reserved)
 *   16    per-transaction blocks, TX_WORDS words each:
 *           +0 STATUS      incarnation << 2 | status (txStatus.ts)
 *           +1 DEP_LOCK    spin lock guarding DEP_HEAD
 *           +2 DEP_HEAD    first transaction waiting for this one, + 1 (0 = none)
 *           +3 DEP_NEXT    link used while THIS transaction waits in another's list
 *           +4 FLAGS       EVER_EXECUTED
 *           +5 START_HEAD  next start dependency not yet known to be met, + 1 (0 = none)
 *   16 + TX_WORDS * txCount
 *         start-dependency pool, START_NODE_WORDS words per node:
 *           +0 BLOCKER     the transaction that must have executed first
 *           +1 NEXT        next node of the same waiting transaction, + 1 (0 = end)
 *
 * Why and how each word changes is documented where it is declared below.
 */

/** Only lowered by decreaseExecutionIdx (compareExchange loop), otherwise only incremented by Atomics.add in nextVersionToExecute. May run past TX_COUNT. */
export const EXECUTION_IDX = 0
/** Same discipline as EXECUTION_IDX: lowered by decreaseValidationIdx, incremented by nextVersionToValidate. */
export const VALIDATION_IDX = 1
/** Atomics.add after every decrease of either index; checkDone reads it before and after its checks to detect a decrease racing with them. */
export const DECREASE_CNT = 2
/** Atomics.add(+1) before an index is fetched-and-incremented, Atomics.sub(-1) exactly once when that task ends (or is found empty). Never negative. */
export const NUM_ACTIVE_TASKS = 3
/** compareExchange from RUNNING to DONE (checkDone) or HALTED (halt); never changes again. */
export const DONE_MARKER = 4
/** Atomics.add(+1) after any change that may give a sleeping worker something to do (an index lowered, done, halt), followed by Atomics.notify if SLEEPERS > 0. */
export const WORK_EPOCH = 5
/** Atomics.add(+1) just before Atomics.wait, Atomics.sub after; lets wakers skip the notify call when nobody sleeps. */
export const SLEEPERS = 6
/** Written once by Scheduler.create before the buffer is shared; read-only afterwards. */
export const TX_COUNT = 7
/** Bump pointer of the start-dependency pool; only addStartDependency (before the block starts) moves it. */
export const START_POOL_NEXT = 8
/** Written once by Scheduler.create. */
export const START_POOL_CAPACITY = 9
/** Report counters: Atomics.add only, never read by the algorithm. */
export const STAT_EXECUTIONS = 10
export const STAT_VALIDATIONS = 11
export const STAT_VALIDATION_ABORTS = 12
export const STAT_DEPENDENCY_ABORTS = 13
export const STAT_START_WAITS = 14
export const HEADER_WORDS = 16

/** Offsets inside a transaction's block. */
export const STATUS = 0
export const DEP_LOCK = 1
export const DEP_HEAD = 2
export const DEP_NEXT = 3
export const FLAGS = 4
export const START_HEAD = 5
export const TX_WORDS = 6

/** Offsets inside a start-dependency node. */
export const BLOCKER = 0
export const NEXT = 1
export const START_NODE_WORDS = 2

/** DONE_MARKER values. */
export const RUNNING = 0
export const DONE = 1
export const HALTED = 2

/** FLAGS bits (masks, never positions). */
/** Set (Atomics.or) by finishExecution before the status becomes EXECUTED; never cleared. */
export const EVER_EXECUTED = 1 << 0

export function txBlockAt(tx: number): number {
  return HEADER_WORDS + tx * TX_WORDS
}

export function startPoolAt(txCount: number): number {
  return HEADER_WORDS + txCount * TX_WORDS
}

export function schedulerWords(txCount: number, startDependencyCapacity: number): number {
  return startPoolAt(txCount) + startDependencyCapacity * START_NODE_WORDS
}
