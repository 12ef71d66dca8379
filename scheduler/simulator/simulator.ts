/**
 * A deterministic discrete-event simulator of Block-STM with V virtual
 * workers, on one thread, in virtual time.
 *
 * It runs the real Scheduler and MVMemory (the same code the worker threads
 * run, over the same SharedArrayBuffers), driving V copies of the worker loop
 * (Algorithm 1) written as generators: wherever a real worker would spend
 * time or let another thread act between two shared-memory operations, the
 * generator yields a pause. The event loop always resumes the virtual worker
 * with the smallest virtual time, breaking ties with a seeded PRNG, so a seed
 * reproduces a run exactly and different seeds explore different
 * interleavings (with `jitter`, also random delays that no real machine would
 * produce on demand).
 *
 * Model of a task:
 * - execution of a toy transaction (toyBlock.ts) costing c µs: its k-th of m
 *   reads happens at about (k+1)/(m+1) of c (jittered) through
 *   MVMemory.readInto; a blocked read calls Scheduler.addDependency exactly as
 *   a worker thread does (on `false` it reads again; on `true` the execution
 *   is abandoned, the time spent so far wasted). At c the writes, a
 *   deterministic function of the values read, are recorded, then
 *   finishExecution;
 * - validation costing the block's validationCost: validateReadSet,
 *   tryValidationAbort, convertWritesToEstimates, finishValidation, each a
 *   separate step other workers may interleave with;
 * - a worker that gets `idle` sleeps until the scheduler's work epoch moves
 *   (as Atomics.wait would) and wakes `wakeLatency` µs after the change.
 *
 * If every unfinished worker sleeps and the block is not done, the run is
 * stuck: that is a liveness bug and `simulate` throws SimulationStuckError.
 *
 * Test-only assertions (checkInvariants, on by default) run after every
 * event: the scheduler's NUM_ACTIVE_TASKS equals the number of virtual
 * workers holding a task, and every worker executing (tx, i) sees tx
 * EXECUTING(i), so no incarnation ever runs twice at once.
 *
 * Limitation: each Scheduler / MVMemory call runs to completion within one
 * event, so the simulator explores interleavings between calls, never inside
 * one (e.g. between a load of an index and its fetch-and-increment). Those
 * are the multi-threaded stress test's job.
 */
import type { LocationKey } from '../../src/shared/locations.js'
import type { TxIndex, TxVersion } from '../../src/shared/types.js'
import { SchedulerInvariantError } from '../errors.js'
import { MVMemory, type MVMemoryCapacity, type MVMemoryFaults } from '../mvmemory.js'
import { ReadSet, ReadSlot } from '../readSet.js'
import { HintTrust, type TrustReport } from '../hintTrust.js'
import { Scheduler } from '../scheduler.js'
import type { ExecutionTask, ValidationTask } from '../tasks.js'
import { TX_STATUS_NAMES, TxStatus } from '../txStatus.js'
import { WriteSet } from '../writeSet.js'
import { criticalPath } from './criticalPath.js'
import { Prng } from './prng.js'
import { committedValues, effectiveValue, fillWriteSet, readFraction, toyEffects, type ToyBlock } from './toyBlock.js'

export interface SimulationHints {
  /** Scheduler.addStartDependency(tx, after) before the block starts (invalid pairs are rejected and counted). */
  readonly startDependencies?: readonly { readonly tx: number; readonly after: number }[]
  /** MVMemory.preMarkEstimate(tx, location) before the block starts. */
  readonly estimates?: readonly { readonly tx: number; readonly location: LocationKey }[]
}

export interface SimulationOptions {
  /** Number of virtual workers (>= 1). */
  readonly workers: number
  /** Seeds tie-breaking and jitter. Default 1. */
  readonly seed?: number
  /**
   * 0 (default) .. 1: each execution and validation takes up to (1 + jitter)
   * times its cost, reads move around inside the execution, and random pauses
   * of up to jitter × 5 µs separate consecutive shared-memory operations.
   */
  readonly jitter?: number
  /** µs from a work-epoch change to a sleeping worker running again. Default 25 (measured Atomics.wait wake-up). */
  readonly wakeLatency?: number
  /** µs each nextTask call costs. Default 0.5. */
  readonly schedulingCost?: number
  /** Validation time in µs when neither the transaction nor the block give one. Default 2. */
  readonly validationCost?: number
  readonly hints?: SimulationHints
  /** Judge hints as the engine does (hintTrust.ts): 'monitor' stops following failing ones, 'always' never does. Default: no judge. */
  readonly trust?: 'monitor' | 'always'
  /** Test-only fault injection (see MVMemoryFaults). */
  readonly faults?: MVMemoryFaults
  readonly capacity?: MVMemoryCapacity
  /** Safety net against livelock: events before giving up. Default 200 per transaction + 100,000. */
  readonly maxSteps?: number
  /** Check scheduler invariants after every event (see the file comment). Default true. */
  readonly checkInvariants?: boolean
}

export interface SimulationReport {
  readonly workers: number
  readonly seed: number
  /** Virtual time (µs) at which the scheduler declared the block done. */
  readonly makespan: number
  /** Sum of execution costs: the time of a sequential run. */
  readonly serialCost: number
  /** serialCost / makespan. */
  readonly speedup: number
  /** serialCost / max(critical path, serialCost / workers): the classic ideal (dependents start after their writers finish). */
  readonly idealSpeedup: number
  /** The same with the simulator's own timing, where a read late in a transaction lets it start before its writer ends (criticalPath.ts). */
  readonly overlapBound: number
  /** Longest chain of read-after-write dependencies, in µs (criticalPath.ts, classic model). */
  readonly criticalPath: number
  /** Executions started (including ones abandoned on a dependency). */
  readonly executions: number
  /** Executions beyond one per transaction. */
  readonly reExecutions: number
  readonly validations: number
  readonly validationAborts: number
  readonly dependencyAborts: number
  readonly startDependencyWaits: number
  /** validationAborts + dependencyAborts. */
  readonly aborts: number
  /** Per worker: µs spent sleeping for lack of work before the block was done. */
  readonly idleTime: readonly number[]
  /** Per worker: µs spent executing and validating (useful or not). */
  readonly busyTime: readonly number[]
  /** Start dependencies the scheduler rejected (not i < j, duplicates, ...). */
  readonly rejectedHints: number
  /** The hint judge's verdict, when options.trust was given. */
  readonly trust: TrustReport | undefined
  /** Final incarnation of every transaction. */
  readonly finalIncarnations: readonly number[]
  /** Per transaction: the highest incarnation a validation found valid (-1 if none). */
  readonly validatedIncarnations: readonly number[]
  /** Final value of every written location (pre-block values from toyBlock.baseValue). */
  readonly finalValues: ReadonlyMap<LocationKey, bigint>
}

/** Every unfinished virtual worker sleeps and the block is not done: a liveness bug. */
export class SimulationStuckError extends Error {
  override readonly name = 'SimulationStuckError' as const
}

type Pause = { readonly kind: 'delay'; readonly micros: number } | { readonly kind: 'sleep'; readonly epoch: number }

interface VirtualWorker {
  readonly id: number
  readonly program: Generator<Pause, void, void>
  time: number
  sleepingOn: number | null
  sleptAt: number
  finished: boolean
}

const MICRO_PAUSE_SCALE = 5

class Simulation {
  readonly scheduler: Scheduler
  readonly mv: MVMemory
  readonly prng: Prng
  readonly jitter: number
  readonly schedulingCost: number
  readonly defaultValidationCost: number
  readonly validatedIncarnations: number[]
  readonly idleTime: number[]
  readonly busyTime: number[]
  /** Per worker: whether it holds a task (counted in NUM_ACTIVE_TASKS). */
  readonly holding: boolean[]
  /** Per worker: the version it is executing, if any. */
  readonly executing: (TxVersion | null)[]
  executions = 0
  readonly trust: HintTrust | undefined

  constructor(readonly block: ToyBlock, readonly options: SimulationOptions) {
    const txCount = block.transactions.length
    this.trust = options.trust === undefined ? undefined : HintTrust.create(txCount, { alwaysTrust: options.trust === 'always' })
    const trust = this.trust === undefined ? {} : { trust: this.trust }
    this.scheduler = Scheduler.create({ txCount, startDependencyCapacity: Math.max(16, options.hints?.startDependencies?.length ?? 0), ...trust })
    this.mv = MVMemory.create({
      ...trust,
      txCount,
      capacity: options.capacity ?? { entries: { initial: 64 * 1024 }, arena: { initial: 64 * 1024 } },
      ...(options.faults === undefined ? {} : { faults: options.faults }),
    })
    this.prng = new Prng(options.seed ?? 1)
    this.jitter = options.jitter ?? 0
    this.schedulingCost = options.schedulingCost ?? 0.5
    this.defaultValidationCost = block.validationCost ?? options.validationCost ?? 2
    this.validatedIncarnations = new Array<number>(txCount).fill(-1)
    this.idleTime = new Array<number>(options.workers).fill(0)
    this.busyTime = new Array<number>(options.workers).fill(0)
    this.holding = new Array<boolean>(options.workers).fill(false)
    this.executing = new Array<TxVersion | null>(options.workers).fill(null)
  }

  /** The test-only assertions of the file comment. */
  checkInvariants(): void {
    const holding = this.holding.filter(Boolean).length
    if (this.scheduler.numActiveTasks !== holding) {
      throw new SchedulerInvariantError(`NUM_ACTIVE_TASKS is ${this.scheduler.numActiveTasks} but ${holding} workers hold a task`)
    }
    const busy = new Set<number>()
    for (const version of this.executing) {
      if (version === null) continue
      if (busy.has(version.tx)) throw new SchedulerInvariantError(`transaction ${version.tx} is executed by two workers at once`)
      busy.add(version.tx)
      const { status, incarnation } = this.scheduler.status(version.tx)
      if (status !== TxStatus.Executing || incarnation !== version.incarnation) {
        throw new SchedulerInvariantError(`a worker executes (${version.tx}, ${version.incarnation}) but its status is ${TX_STATUS_NAMES[status]}(${incarnation})`)
      }
    }
  }

  /** Random pause between two shared-memory operations (0 without jitter: still a point where others may run first). */
  private microPause(): Pause {
    return { kind: 'delay', micros: this.jitter === 0 ? 0 : this.prng.next() * this.jitter * MICRO_PAUSE_SCALE }
  }

  private stretch(cost: number): number {
    return this.jitter === 0 ? cost : cost * (1 + this.jitter * this.prng.next())
  }

  *worker(id: number): Generator<Pause, void, void> {
    const readSet = new ReadSet()
    const writeSet = new WriteSet()
    const slot = new ReadSlot()
    let task: ExecutionTask | ValidationTask | null = null
    for (;;) {
      if (task === null) {
        if (this.schedulingCost > 0) yield { kind: 'delay', micros: this.schedulingCost }
        const next = this.scheduler.nextTask()
        if (next.kind === 'done' || next.kind === 'halted') return
        if (next.kind === 'idle') {
          yield { kind: 'sleep', epoch: next.epoch }
          continue
        }
        task = next
        this.holding[id] = true
      }
      task = task.kind === 'execute' ? yield* this.execute(id, task.version, readSet, writeSet, slot) : yield* this.validate(id, task.version)
      this.holding[id] = task !== null
    }
  }

  private *execute(id: number, version: TxVersion, readSet: ReadSet, writeSet: WriteSet, slot: ReadSlot): Generator<Pause, ValidationTask | null, void> {
    const { tx } = version
    const spec = this.block.transactions[tx]!
    this.executions++
    this.executing[id] = version
    const cost = this.stretch(spec.cost)
    readSet.clear()
    writeSet.clear()
    const values: bigint[] = []
    const reads = spec.reads
    let elapsed = 0
    for (let k = 0; k < reads.length; k++) {
      const key = reads[k]!
      const nominal = readFraction(k, reads.length)
      const fraction = this.jitter === 0 ? nominal : Math.min(1, Math.max(elapsed / cost, nominal + (this.prng.next() - 0.5) * this.jitter / (reads.length + 1)))
      const at = cost * fraction
      if (at > elapsed) {
        yield { kind: 'delay', micros: at - elapsed }
        this.busyTime[id]! += at - elapsed
        elapsed = at
      }
      for (;;) {
        if (this.mv.readInto(key, tx, slot) !== 'blocked') break
        const blocker = slot.blockedOn
        yield this.microPause() // the blocker may finish right here: addDependency must then say false
        if (this.scheduler.addDependency(tx, blocker)) {
          this.executing[id] = null
          return null
        }
      }
      readSet.add(slot)
      values.push(effectiveValue(key, slot))
    }
    if (cost > elapsed) {
      yield { kind: 'delay', micros: cost - elapsed }
      this.busyTime[id]! += cost - elapsed
    }
    fillWriteSet(toyEffects(tx, spec, values), writeSet)
    const wroteNewLocation = this.mv.record(version, readSet, writeSet)
    yield this.microPause()
    this.executing[id] = null
    return this.scheduler.finishExecution(version, { wroteNewLocation })
  }

  private *validate(id: number, version: TxVersion): Generator<Pause, ExecutionTask | null, void> {
    const { tx } = version
    const cost = this.stretch(this.block.transactions[tx]!.validationCost ?? this.defaultValidationCost)
    yield { kind: 'delay', micros: cost }
    this.busyTime[id]! += cost
    const valid = this.mv.validateReadSet(tx)
    if (valid && version.incarnation > this.validatedIncarnations[tx]!) this.validatedIncarnations[tx] = version.incarnation
    yield this.microPause()
    const aborted = !valid && this.scheduler.tryValidationAbort(version)
    if (aborted) {
      yield this.microPause()
      this.mv.convertWritesToEstimates(tx)
    }
    yield this.microPause()
    return this.scheduler.finishValidation(tx, { aborted })
  }
}

export function simulate(block: ToyBlock, options: SimulationOptions): SimulationReport {
  const { workers } = options
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`simulate: workers must be a positive integer, got ${workers}`)
  const jitter = options.jitter ?? 0
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`simulate: jitter must be in [0, 1], got ${jitter}`)
  const sim = new Simulation(block, options)
  const { scheduler, mv } = sim
  const txCount = block.transactions.length

  let rejectedHints = 0
  for (const { tx, after } of options.hints?.startDependencies ?? []) {
    if (scheduler.addStartDependency(tx, after).kind === 'rejected') rejectedHints++
  }
  const estimates = new Map<number, LocationKey[]>()
  for (const { tx, location } of options.hints?.estimates ?? []) {
    const list = estimates.get(tx) ?? []
    list.push(location)
    estimates.set(tx, list)
  }
  for (const [tx, locations] of estimates) {
    if (mv.preMarkEstimates(tx, locations).kind === 'rejected') rejectedHints++
  }

  const pool: VirtualWorker[] = []
  for (let id = 0; id < workers; id++) {
    pool.push({ id, program: sim.worker(id), time: 0, sleepingOn: null, sleptAt: 0, finished: false })
  }
  const wakeLatency = options.wakeLatency ?? 25
  const maxSteps = options.maxSteps ?? 100_000 + 200 * txCount
  let doneAt: number | null = null
  let lastEpoch = scheduler.workEpoch
  const candidates: VirtualWorker[] = []

  for (let step = 0; ; step++) {
    if (step > maxSteps) throw new SimulationStuckError(`no end after ${maxSteps} events (livelock?) with ${workers} workers, seed ${options.seed ?? 1}`)
    // The runnable worker with the smallest virtual time; ties broken by the PRNG.
    candidates.length = 0
    let earliest = Number.POSITIVE_INFINITY
    for (const worker of pool) {
      if (worker.finished || worker.sleepingOn !== null) continue
      if (worker.time < earliest) {
        earliest = worker.time
        candidates.length = 0
      }
      if (worker.time === earliest) candidates.push(worker)
    }
    if (candidates.length === 0) {
      if (pool.every((worker) => worker.finished)) break
      throw new SimulationStuckError(
        `every worker sleeps but the block is not done (${workers} workers, seed ${options.seed ?? 1}, ` +
          `execution_idx ${scheduler.executionIdx}, validation_idx ${scheduler.validationIdx}, active tasks ${scheduler.numActiveTasks})`,
      )
    }
    const worker = candidates.length === 1 ? candidates[0]! : candidates[sim.prng.below(candidates.length)]!
    const now = worker.time
    const result = worker.program.next()
    if (result.done === true) {
      worker.finished = true
    } else if (result.value.kind === 'delay') {
      worker.time += result.value.micros
    } else if (scheduler.workEpoch === result.value.epoch) {
      worker.sleepingOn = result.value.epoch
      worker.sleptAt = now
    }
    if (options.checkInvariants !== false) sim.checkInvariants()
    if (doneAt === null && (scheduler.isDone() || scheduler.isHalted())) doneAt = now
    const epoch = scheduler.workEpoch
    if (epoch !== lastEpoch) {
      lastEpoch = epoch
      for (const sleeper of pool) {
        if (sleeper.sleepingOn === null || sleeper.sleepingOn === epoch) continue
        const wakeAt = Math.max(sleeper.sleptAt, now + wakeLatency)
        // Idle time counts only while the block runs (waking up after done is not lost work).
        sim.idleTime[sleeper.id]! += Math.max(0, Math.min(wakeAt, doneAt ?? wakeAt) - sleeper.sleptAt)
        sleeper.time = wakeAt
        sleeper.sleepingOn = null
      }
    }
  }

  const stats = scheduler.stats()
  const serialCost = block.transactions.reduce((sum, spec) => sum + spec.cost, 0)
  const makespan = doneAt ?? 0
  const path = criticalPath(block)
  const overlappedPath = criticalPath(block, { overlap: true })
  const finalIncarnations: number[] = []
  for (let tx = 0; tx < txCount; tx++) finalIncarnations.push(scheduler.incarnation(tx as TxIndex))
  return {
    workers,
    seed: options.seed ?? 1,
    makespan,
    serialCost,
    speedup: makespan > 0 ? serialCost / makespan : 1,
    idealSpeedup: serialCost > 0 ? serialCost / Math.max(path, serialCost / workers) : 1,
    overlapBound: serialCost > 0 ? serialCost / Math.max(overlappedPath, serialCost / workers) : 1,
    criticalPath: path,
    executions: sim.executions,
    reExecutions: sim.executions - txCount,
    validations: stats.validations,
    validationAborts: stats.validationAborts,
    dependencyAborts: stats.dependencyAborts,
    startDependencyWaits: stats.startDependencyWaits,
    aborts: stats.validationAborts + stats.dependencyAborts,
    idleTime: sim.idleTime,
    busyTime: sim.busyTime,
    rejectedHints,
    trust: sim.trust?.report(),
    finalIncarnations,
    validatedIncarnations: sim.validatedIncarnations,
    finalValues: scheduler.isDone() ? committedValues(mv.snapshot()) : new Map(),
  }
}
