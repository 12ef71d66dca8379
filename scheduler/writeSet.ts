/**
 * The writes of one execution, collected locally and handed to
 * MVMemory.record. At most one write per location: the builder merges.
 *
 *   setValue(L, v)   L := v (replaces any earlier write of L in this set,
 *                    including a delta: an absolute write already includes
 *                    whatever the transaction added before it)
 *   addDelta(L, d)   L += d mod 2^256, without reading L (lazy credit; a
 *                    debit is d = 2^256 - x). After setValue(L, v) in the same
 *                    set, the result is setValue(L, v + d).
 *   setCode(L, h, c) a code location: code hash h and code bytes c.
 *
 * Reuse one per worker: `clear()` before each execution.
 */
import { LocationKind, describeLocation, kindOf, type LocationKey } from '../src/shared/locations.js'
import { EntryKind } from './mvLayout.js'
import { WORD_BYTES, WORD_LIMBS, addLimbs, bytesToLimbs } from './word256.js'

export class WriteSet {
  private keys: LocationKey[] = []
  private kinds: EntryKind[] = []
  private codes: (Uint8Array | null)[] = []
  private limbs = new Int32Array(WORD_LIMBS * 16)
  private readonly index = new Map<LocationKey, number>()
  private readonly scratch = new Uint32Array(WORD_LIMBS)
  private readonly addend = new Int32Array(WORD_LIMBS)
  private readonly padded = new Uint8Array(WORD_BYTES)

  clear(): void {
    this.keys.length = 0
    this.kinds.length = 0
    this.codes.length = 0
    this.index.clear()
  }

  get size(): number {
    return this.keys.length
  }

  setValue(key: LocationKey, word: Uint8Array): void {
    if (kindOf(key) === LocationKind.Code) throw new TypeError(`WriteSet.setValue: ${describeLocation(key)} holds code; use setCode`)
    const i = this.slotFor(key)
    this.kinds[i] = EntryKind.Value
    this.codes[i] = null
    bytesToLimbs(this.word(word), 0, this.limbs, i * WORD_LIMBS)
  }

  addDelta(key: LocationKey, amount: Uint8Array): void {
    if (kindOf(key) === LocationKind.Code) throw new TypeError(`WriteSet.addDelta: ${describeLocation(key)} holds code, which cannot be incremented`)
    const existing = this.index.get(key)
    if (existing === undefined) {
      const i = this.slotFor(key)
      this.kinds[i] = EntryKind.Delta
      this.codes[i] = null
      bytesToLimbs(this.word(amount), 0, this.limbs, i * WORD_LIMBS)
      return
    }
    // Value + delta stays a value; delta + delta stays a delta.
    const at = existing * WORD_LIMBS
    const sum = this.scratch
    for (let k = 0; k < WORD_LIMBS; k++) sum[k] = this.limbs[at + k]!
    bytesToLimbs(this.word(amount), 0, this.addend, 0)
    addLimbs(sum, this.addend, 0)
    for (let k = 0; k < WORD_LIMBS; k++) this.limbs[at + k] = sum[k]!
  }

  setCode(key: LocationKey, codeHash: Uint8Array, code: Uint8Array): void {
    if (kindOf(key) !== LocationKind.Code) throw new TypeError(`WriteSet.setCode: ${describeLocation(key)} is not a code location`)
    const i = this.slotFor(key)
    this.kinds[i] = EntryKind.Value
    this.codes[i] = code
    bytesToLimbs(this.word(codeHash), 0, this.limbs, i * WORD_LIMBS)
  }

  keyAt(i: number): LocationKey {
    return this.keys[i]!
  }

  /** EntryKind.Value or EntryKind.Delta. */
  kindAt(i: number): EntryKind {
    return this.kinds[i]!
  }

  codeAt(i: number): Uint8Array | null {
    return this.codes[i]!
  }

  /** Limbs of write i start at i * WORD_LIMBS. */
  limbWords(): Int32Array {
    return this.limbs
  }

  locations(): LocationKey[] {
    return this.keys.slice()
  }

  private slotFor(key: LocationKey): number {
    const existing = this.index.get(key)
    if (existing !== undefined) return existing
    const i = this.keys.length
    this.keys.push(key)
    this.kinds.push(EntryKind.Value)
    this.codes.push(null)
    this.index.set(key, i)
    if ((i + 1) * WORD_LIMBS > this.limbs.length) {
      const limbs = new Int32Array(this.limbs.length * 2)
      limbs.set(this.limbs)
      this.limbs = limbs
    }
    return i
  }

  /** A 32-byte word; shorter inputs are left-padded with zeros (big-endian numbers). */
  private word(bytes: Uint8Array): Uint8Array {
    if (bytes.length === WORD_BYTES) return bytes
    if (bytes.length > WORD_BYTES) throw new RangeError(`a word has at most ${WORD_BYTES} bytes, got ${bytes.length}`)
    this.padded.fill(0)
    this.padded.set(bytes, WORD_BYTES - bytes.length)
    return this.padded
  }
}
