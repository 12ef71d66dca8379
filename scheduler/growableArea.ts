/**
 * A bump-allocated area in a growable SharedArrayBuffer, with this thread's
 * views over it.
 *
 * Why growable buffers: the multi-version memory cannot know in advance how
 * many entries, read sets or code bytes a block will produce (re-executions
 * add more). `new SharedArrayBuffer(initial, { maxByteLength })` (checked on
 * Node 20) reserves address space for `maxByteLength` but commits only what
 * has been grown to, and every thread sees the same memory after a grow. The
 * default maximum is 1 GiB per area: address space, not memory. Going past it
 * throws MVMemoryFullError; nothing overflows silently.
 *
 * Why fixed-length views: on Node 20 a length-tracking view over a growable
 * buffer makes every access 2-3x slower (measured: Atomics.load 19 ns vs
 * 7 ns). So each thread keeps fixed-length views and re-creates them when it
 * meets an offset beyond them (`covers`/`refresh`). Another thread only ever
 * publishes an offset after growing the buffer to hold it, so a refresh after
 * seeing the offset always covers it.
 *
 * Word 0 of every area is its bump pointer (in the area's allocation unit),
 * moved only with Atomics.add.
 */
import { MVMemoryFullError, type MVMemoryResource } from './errors.js'

/** Initial and maximum size of a growable area, in bytes. */
export interface ByteBudget {
  readonly initial?: number
  readonly max?: number
}

export const DEFAULT_MAX_AREA_BYTES = 1 << 30
const GROW_GRANULE = 1 << 16

/**
 * A growable buffer for one area. `defaultBytes` is the initial size unless
 * the budget says otherwise; `minimumBytes` (a fixed header) is always there.
 */
export function createGrowableBuffer(what: string, defaultBytes: number, budget: ByteBudget | undefined, minimumBytes = 64): SharedArrayBuffer {
  const max = budget?.max ?? DEFAULT_MAX_AREA_BYTES
  const initial = budget?.initial ?? Math.min(Math.max(defaultBytes, minimumBytes), max)
  if (!Number.isInteger(max) || max < Math.max(64, minimumBytes) || max > 2 ** 31 - GROW_GRANULE) {
    throw new RangeError(`${what}: max must be an integer byte count in [${Math.max(64, minimumBytes)}, 2^31 - 2^16), got ${max}`)
  }
  if (!Number.isInteger(initial) || initial < 64 || initial > max) {
    throw new RangeError(`${what}: initial must be an integer byte count in [64, max], got ${initial}`)
  }
  return new SharedArrayBuffer(roundUp(Math.max(initial, minimumBytes), 64), { maxByteLength: roundDown(max, 64) })
}

export class GrowableArea {
  /** This thread's view of the whole area as Int32 words (fixed length; see refresh). */
  words: Int32Array
  /** The same memory as bytes, for areas that hold byte strings. */
  bytes: Uint8Array

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly resource: MVMemoryResource,
  ) {
    // Read the length ONCE for both views: another thread may grow the buffer
    // between two reads, and views of different lengths would let `bytes`
    // claim coverage that `words` does not have (the stress test caught this).
    const length = buffer.byteLength
    this.words = new Int32Array(buffer, 0, length >> 2)
    this.bytes = new Uint8Array(buffer, 0, length)
  }

  /** Re-create the views at the buffer's current length (after another thread grew it). */
  refresh(): void {
    const length = this.buffer.byteLength
    if (length === this.bytes.length) return
    this.words = new Int32Array(this.buffer, 0, length >> 2)
    this.bytes = new Uint8Array(this.buffer, 0, length)
  }

  /** Makes sure this thread's views include byte offset `byteEnd - 1`, refreshing (not growing). */
  coverBytes(byteEnd: number): void {
    if (byteEnd > this.bytes.length) {
      this.refresh()
      if (byteEnd > this.bytes.length) throw new RangeError(`${this.resource}: offset ${byteEnd} was never allocated`)
    }
  }

  /**
   * Reserves `units * unitBytes` bytes with Atomics.add on word 0 (counted in
   * units) and grows the buffer to hold them. Returns the first unit.
   */
  allocate(units: number, unitBytes: number): number {
    const first = Atomics.add(this.words, 0, units)
    const end = (first + units) * unitBytes
    if (end > this.bytes.length) this.grow(end)
    return first
  }

  /** Bytes allocated so far (for reports). */
  usedBytes(unitBytes: number): number {
    return Atomics.load(this.words, 0) * unitBytes
  }

  private grow(byteEnd: number): void {
    const buffer = this.buffer
    while (buffer.byteLength < byteEnd) {
      if (byteEnd > buffer.maxByteLength) throw new MVMemoryFullError(this.resource, buffer.maxByteLength)
      const before = buffer.byteLength
      const target = Math.min(buffer.maxByteLength, roundUp(Math.max(byteEnd, before * 2), GROW_GRANULE))
      try {
        buffer.grow(target)
      } catch (error) {
        // Another thread grew past `target` first (grow never shrinks), or
        // the system refused the memory. Only the second is fatal.
        if (buffer.byteLength === before) throw new MVMemoryFullError(this.resource, before)
      }
    }
    this.refresh()
  }
}

function roundUp(value: number, granule: number): number {
  return Math.ceil(value / granule) * granule
}

function roundDown(value: number, granule: number): number {
  return Math.floor(value / granule) * granule
}
