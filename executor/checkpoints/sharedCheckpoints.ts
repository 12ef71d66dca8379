/**
 * Read checkpoints shared between workers. A checkpoint lives in the heap of
 * the worker that took it, but Block-STM hands a re-execution to whichever
 * worker asks first — usually the one that found the conflict, i.e. the
 * worker that wrote the conflicting value, not the one holding the
 * checkpoint. So a worker publishes a transaction's two most advanced
 * checkpoints when its incarnation ends (serialized with node:v8 into a shared arena),
 * and a worker that re-executes the transaction imports it.
 *
 * Layout: `directory` has, per transaction, a count of checkpoints published
 * and SLOTS entries (byte offset, byte length) used as a ring; `arena` is a
 * growable byte area, word 0 its bump pointer in 8-byte units.
 *
 * Ordering: only the worker running an incarnation of a transaction writes
 * its directory entries (Block-STM runs at most one incarnation of a
 * transaction at a time), and it publishes before that incarnation ends;
 * the next incarnation starts only after the scheduler's status words moved
 * (sequentially consistent atomics), so its worker sees the entries. The
 * entry is written before the count that makes it visible.
 *
 * Code: a checkpoint holds the code of every contract its transaction read,
 * mostly from the pre-block state, which every worker has in shared memory
 * (BaseState). Such code is left out of the published copy and taken from
 * the base state again on import: it was most of the bytes (~50 KiB a
 * checkpoint on mainnet blocks) and of the serialization time.
 */
import { deserialize, serialize } from 'node:v8'

import { GrowableArea, createGrowableBuffer } from '../../scheduler/growableArea.js'
import { equalBytes, oneByteString } from '../../src/shared/bytes.js'
import type { LocationKey } from '../../src/shared/locations.js'
import { canonicalCode } from '../evm/canonicalCode.js'
import type { CodeValue, PreValue } from '../parallel/versionedState.js'
import type { ReadCheckpoint } from './checkpointSession.js'

const SLOTS = 4
const COUNT = 0
const WORDS_PER_TX = 1 + 2 * SLOTS
const UNIT_BYTES = 8
/** Address space for a block's published checkpoints; past it they stay with the worker that took them. */
const MAX_ARENA_BYTES = 256 << 20

export interface SharedCheckpointsBuffers {
  readonly directory: SharedArrayBuffer
  readonly arena: SharedArrayBuffer
}

/** What publishing needs of the pre-block state (BaseState): a code location's hash (false when absent), and its code. */
export interface BaseCode {
  readWord(key: LocationKey, into: Uint8Array): boolean
  code(codeKey: LocationKey): Uint8Array
}

/** A code value as published: without its code when that is the base state's at this location. */
interface PublishedCode extends CodeValue {
  readonly baseCode?: true
}

const NO_CODE = new Uint8Array(0)

export class SharedCheckpoints {
  private readonly directory: Int32Array
  private readonly arena: GrowableArea
  /** Checkpoints this worker imported, by byte offset (each is deserialized once). */
  private readonly imported = new Map<number, ReadCheckpoint>()
  /** Offsets this worker published: it holds those checkpoints itself. */
  private readonly own = new Set<number>()

  private readonly hash = new Uint8Array(32)

  private constructor(
    readonly buffers: SharedCheckpointsBuffers,
    private readonly base: BaseCode | undefined,
  ) {
    this.directory = new Int32Array(buffers.directory)
    this.arena = new GrowableArea(buffers.arena, 'checkpoints')
  }

  static create(txCount: number): SharedCheckpoints {
    const arena = createGrowableBuffer('checkpoints', 1 << 20, { max: MAX_ARENA_BYTES })
    Atomics.store(new Int32Array(arena, 0, 2), 0, 1) // unit 0 holds the bump pointer
    return new SharedCheckpoints({ directory: new SharedArrayBuffer(4 * WORDS_PER_TX * Math.max(1, txCount)), arena }, undefined)
  }

  /** `base`: the block's pre-block state, to leave its code out of published checkpoints. */
  static attach(buffers: SharedCheckpointsBuffers, base?: BaseCode): SharedCheckpoints {
    return new SharedCheckpoints(buffers, base)
  }

  /** Publishes a checkpoint of `tx`; returns its size in bytes, or 0 when the arena is full (it then stays local). */
  publish(tx: number, checkpoint: ReadCheckpoint): number {
    const bytes = serialize(this.withoutBaseCode(checkpoint))
    let unit: number
    try {
      unit = this.arena.allocate(Math.ceil(bytes.length / UNIT_BYTES), UNIT_BYTES)
    } catch {
      return 0
    }
    const offset = unit * UNIT_BYTES
    this.arena.coverBytes(offset + bytes.length)
    this.arena.bytes.set(bytes, offset)
    const at = tx * WORDS_PER_TX
    const count = Atomics.load(this.directory, at + COUNT)
    const entry = at + 1 + 2 * (count % SLOTS)
    Atomics.store(this.directory, entry, offset)
    Atomics.store(this.directory, entry + 1, bytes.length)
    Atomics.store(this.directory, at + COUNT, count + 1)
    this.own.add(offset)
    return bytes.length
  }

  /** The checkpoints of `tx` other workers published (the latest SLOTS). */
  othersOf(tx: number): ReadCheckpoint[] {
    const at = tx * WORDS_PER_TX
    const count = Math.min(Atomics.load(this.directory, at + COUNT), SLOTS)
    const found: ReadCheckpoint[] = []
    for (let i = 0; i < count; i++) {
      const offset = Atomics.load(this.directory, at + 1 + 2 * i)
      if (this.own.has(offset)) continue
      let checkpoint = this.imported.get(offset)
      if (checkpoint === undefined) {
        const length = Atomics.load(this.directory, at + 2 + 2 * i)
        this.arena.coverBytes(offset + length)
        checkpoint = this.withCode(deserialize(this.arena.bytes.subarray(offset, offset + length)) as ReadCheckpoint)
        this.imported.set(offset, checkpoint)
      }
      found.push(checkpoint)
    }
    return found
  }

  /** The checkpoint with the base state's code left out (a copy: the worker keeps the original). */
  private withoutBaseCode(checkpoint: ReadCheckpoint): ReadCheckpoint {
    const base = this.base
    if (base === undefined) return checkpoint
    const preValues = new Map(checkpoint.transaction.state.preValues)
    for (const [key, value] of preValues) {
      if (!isCodeValue(value) || value.code.length === 0 || !base.readWord(key, this.hash)) continue
      if (!equalBytes(this.hash, value.codeHash)) continue
      const withoutCode: PublishedCode = { exists: value.exists, codeHash: value.codeHash, code: NO_CODE, baseCode: true }
      preValues.set(key, withoutCode)
    }
    const { transaction } = checkpoint
    return { ...checkpoint, transaction: { ...transaction, state: { ...transaction.state, preValues } } }
  }

  /**
   * Code comes back from the base state, or as copies that become this
   * worker's canonical array for their hash (what its jump-analysis cache knows).
   */
  private withCode(checkpoint: ReadCheckpoint): ReadCheckpoint {
    const preValues = checkpoint.transaction.state.preValues
    for (const [key, value] of preValues) {
      if (!isCodeValue(value)) continue
      const code = (value as PublishedCode).baseCode === true ? this.base!.code(key) : canonicalCode(oneByteString(value.codeHash), value.code)
      preValues.set(key, { exists: value.exists, codeHash: value.codeHash, code })
    }
    return checkpoint
  }
}

function isCodeValue(value: PreValue): value is CodeValue {
  return typeof value === 'object' && !(value instanceof Uint8Array)
}
