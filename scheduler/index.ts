/**
 * The Block-STM scheduler and multi-version memory: the public face of
 * scheduler/. Start reading at scheduler.ts (the algorithm) and mvmemory.ts
 * (the data); the simulator lives in simulator/.
 */
export { Scheduler, DEFAULT_SPIN_ITERATIONS } from './scheduler.js'
export type { SchedulerBuffers, SchedulerOptions, SchedulerStats, StartDependencyOutcome, WaitOptions } from './scheduler.js'
export type { DoneTask, ExecutionTask, HaltedTask, IdleTask, Task, ValidationTask, WorkerTask } from './tasks.js'
export { TxStatus, TX_STATUS_NAMES } from './txStatus.js'
export type { TxStatusView } from './txStatus.js'
export { MVMemory } from './mvmemory.js'
export type {
  EntryView,
  FinalValue,
  MVMemoryBuffers,
  MVMemoryCapacity,
  MVMemoryFaults,
  MVMemoryOptions,
  MVMemoryUsage,
  PreMarkOutcome,
  RecordedRead,
} from './mvmemory.js'
export type { ByteBudget } from './growableArea.js'
export type { LocationId } from './locationTable.js'
export { ReadSet, ReadSlot } from './readSet.js'
export type { CodeRef, ReadKind, ReadOutcome } from './readSet.js'
export { WriteSet } from './writeSet.js'
export { MVMemoryFullError, SchedulerInvariantError, SchedulerThreadError } from './errors.js'
export type { MVMemoryResource } from './errors.js'
export { finishTry, needsReexecution, runWorker, runWorkerAsync } from './workerLoop.js'
export type { AsyncTxRunner, ExecutionResult, TxRunner, WorkerLoopReport } from './workerLoop.js'
export { WORD_BYTES, bigIntToWord, wordToBigInt } from './word256.js'
