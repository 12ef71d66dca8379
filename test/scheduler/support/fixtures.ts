/** Small helpers shared by the scheduler unit tests. */
import type { LocationKey } from '../../../src/shared/locations.js'
import type { Incarnation, TxIndex, TxVersion } from '../../../src/shared/types.js'
import { MVMemory, type MVMemoryOptions } from '../../../scheduler/mvmemory.js'
import { ReadSet, ReadSlot } from '../../../scheduler/readSet.js'
import { Scheduler } from '../../../scheduler/scheduler.js'
import type { Task } from '../../../scheduler/tasks.js'
import { toyLocation } from '../../../scheduler/simulator/toyBlock.js'
import { bigIntToWord, wordToBigInt } from '../../../scheduler/word256.js'
import { WriteSet } from '../../../scheduler/writeSet.js'

export const loc = (n: number): LocationKey => toyLocation(n)
export const word = (n: bigint | number): Uint8Array => bigIntToWord(BigInt(n))
export const big = (bytes: Uint8Array): bigint => wordToBigInt(bytes)
export const version = (tx: number, incarnation = 0): TxVersion => ({ tx: tx as TxIndex, incarnation: incarnation as Incarnation })

/** The version of an execute task, failing the test on anything else. */
export function executes(task: Task | null): TxVersion {
  if (task === null || task.kind !== 'execute') throw new Error(`expected an execution task, got ${JSON.stringify(task)}`)
  return task.version
}

export function validates(task: Task | null): TxVersion {
  if (task === null || task.kind !== 'validate') throw new Error(`expected a validation task, got ${JSON.stringify(task)}`)
  return task.version
}

/** A memory plus helpers to record toy executions with literal values. */
export class MemoryFixture {
  readonly mv: MVMemory
  private readonly slot = new ReadSlot()

  constructor(options: MVMemoryOptions) {
    this.mv = MVMemory.create(options)
  }

  /** Reads every key as `tx`, records the reads and the given writes as `v`. Returns wroteNewLocation. */
  run(v: TxVersion, reads: LocationKey[], writes: { values?: [LocationKey, bigint][]; deltas?: [LocationKey, bigint][] } = {}): boolean {
    const readSet = new ReadSet()
    for (const key of reads) {
      if (this.mv.readInto(key, v.tx, this.slot) === 'blocked') throw new Error(`read of ${key} by ${v.tx} blocked on ${this.slot.blockedOn}`)
      readSet.add(this.slot)
    }
    const writeSet = new WriteSet()
    for (const [key, value] of writes.values ?? []) writeSet.setValue(key, word(value))
    for (const [key, delta] of writes.deltas ?? []) writeSet.addDelta(key, word(delta))
    return this.mv.record(v, readSet, writeSet)
  }
}

/** Drives a scheduler by hand: takes the next task, asserting its kind. */
export function newScheduler(txCount: number): Scheduler {
  return Scheduler.create({ txCount })
}
