/**
 * Variable-size values (contract code) in a shared, growable byte area.
 *
 * A VALUE entry of a code location stores the code hash as its 32-byte word
 * and a reference (offset, length) into this area. Code bytes are written
 * once (plain stores) before the entry that refers to them is published with
 * Atomics.store, and never change afterwards; every incarnation that writes
 * code writes a fresh copy (re-executions of creations are rare).
 */
import { GrowableArea, createGrowableBuffer, type ByteBudget } from './growableArea.js'
import { CODE_DATA_AT, CODE_NEXT } from './mvLayout.js'
import type { CodeRef } from './readSet.js'

export class CodeArea {
  private readonly area: GrowableArea

  constructor(buffer: SharedArrayBuffer) {
    this.area = new GrowableArea(buffer, 'code')
  }

  static createBuffer(budget: ByteBudget | undefined): SharedArrayBuffer {
    const buffer = createGrowableBuffer('capacity.code', 64 * 1024, budget)
    Atomics.store(new Int32Array(buffer, 0, 1), CODE_NEXT, CODE_DATA_AT)
    return buffer
  }

  /** Copies `code` into the shared area. */
  write(code: Uint8Array): CodeRef {
    const offset = this.area.allocate(code.length, 1)
    this.area.bytes.set(code, offset)
    return { offset, length: code.length }
  }

  /** A copy of the code (safe to keep and hand to the EVM). */
  read(ref: CodeRef): Uint8Array {
    return this.view(ref).slice()
  }

  /** A view of the shared bytes without copying; never written again, so safe to read while the block runs. */
  view(ref: CodeRef): Uint8Array {
    if (ref.offset < CODE_DATA_AT || ref.length < 0) throw new RangeError(`not a code reference: ${ref.offset}+${ref.length}`)
    this.area.coverBytes(ref.offset + ref.length)
    return this.area.bytes.subarray(ref.offset, ref.offset + ref.length)
  }

  usedBytes(): number {
    return this.area.usedBytes(1)
  }
}
