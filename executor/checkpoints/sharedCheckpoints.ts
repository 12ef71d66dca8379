/**
 * Read checkpoints shared between workers. A checkpoint lives in the heap of
 * the worker that took it, but Block-STM hands a re-execution to whichever
 * worker asks first — usually the one that found the conflict, i.e. the
 * worker that wrote the conflicting value, not the one holding the
 * checkpoint. So a worker publishes a transaction's most advanced checkpoint
 * when its incarnation ends (serialized with node:v8 into a shared arena),
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
 */
import { deserialize, serialize } from 'node:v8'

import { GrowableArea, createGrowableBuffer } from '../../scheduler/growableArea.js'
import { oneByteString } from '../../src/shared/bytes.js'
import { canonicalCode } from '../evm/canonicalCode.js'
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

export class SharedCheckpoints {
  private readonly directory: Int32Array
  private readonly arena: GrowableArea
  /** Checkpoints this worker imported, by byte offset (each is deserialized once). */
  private readonly imported = new Map<number, ReadCheckpoint>()
  /** Offsets this worker published: it holds those checkpoints itself. */
  private readonly own = new Set<number>()

  private constructor(readonly buffers: SharedCheckpointsBuffers) {
    this.directory = new Int32Array(buffers.directory)
    this.arena = new GrowableArea(buffers.arena, 'checkpoints')
  }

  static create(txCount: number): SharedCheckpoints {
    const arena = createGrowableBuffer('checkpoints', 1 << 20, { max: MAX_ARENA_BYTES })
    Atomics.store(new Int32Array(arena, 0, 2), 0, 1) // unit 0 holds the bump pointer
    return new SharedCheckpoints({ directory: new SharedArrayBuffer(4 * WORDS_PER_TX * Math.max(1, txCount)), arena })
  }

  static attach(buffers: SharedCheckpointsBuffers): SharedCheckpoints {
    return new SharedCheckpoints(buffers)
  }

  /** Publishes a checkpoint of `tx`; returns its size in bytes, or 0 when the arena is full (it then stays local). */
  publish(tx: number, checkpoint: ReadCheckpoint): number {
    const bytes = serialize(checkpoint)
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
        checkpoint = canonicalCodes(deserialize(this.arena.bytes.subarray(offset, offset + length)) as ReadCheckpoint)
        this.imported.set(offset, checkpoint)
      }
      found.push(checkpoint)
    }
    return found
  }
}

/**
 * Code read before the checkpoint comes back as copies; the worker's
 * canonical array for each hash is what its jump-analysis cache knows.
 */
function canonicalCodes(checkpoint: ReadCheckpoint): ReadCheckpoint {
  for (const [key, value] of checkpoint.transaction.state.preValues) {
    if (typeof value === 'object' && 'code' in value) {
      checkpoint.transaction.state.preValues.set(key, { ...value, code: canonicalCode(oneByteString(value.codeHash), value.code) })
    }
  }
  return checkpoint
}
