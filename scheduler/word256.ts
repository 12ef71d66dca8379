/**
 * 256-bit words as eight 32-bit limbs, most significant limb first (so the
 * limbs read in order are the big-endian bytes of the word). This is how the
 * multi-version memory stores values and deltas in Int32Array words, and how
 * it sums deltas without BigInt (no allocation on the read path).
 *
 * Arithmetic is unsigned modulo 2^256: a decrement by x is an increment by
 * 2^256 - x.
 */

export const WORD_BYTES = 32
export const WORD_LIMBS = 8

type Limbs = Int32Array | Uint32Array

/** Big-endian bytes[offset..offset+32) → limbs[at..at+8). */
export function bytesToLimbs(bytes: Uint8Array, offset: number, limbs: Limbs, at: number): void {
  for (let i = 0; i < WORD_LIMBS; i++) {
    const b = offset + 4 * i
    limbs[at + i] = (bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!
  }
}

/** limbs[at..at+8) → big-endian bytes[offset..offset+32). */
export function limbsToBytes(limbs: Limbs, at: number, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < WORD_LIMBS; i++) {
    const limb = limbs[at + i]!
    const b = offset + 4 * i
    bytes[b] = limb >>> 24
    bytes[b + 1] = limb >>> 16
    bytes[b + 2] = limb >>> 8
    bytes[b + 3] = limb
  }
}

/** acc ← acc + src[at..at+8) mod 2^256. */
export function addLimbs(acc: Uint32Array, src: Limbs, at: number): void {
  let carry = 0
  for (let i = WORD_LIMBS - 1; i >= 0; i--) {
    const sum = acc[i]! + (src[at + i]! >>> 0) + carry
    acc[i] = sum // Uint32Array stores sum mod 2^32
    carry = sum > 0xffffffff ? 1 : 0
  }
}

export function limbsEqual(a: Limbs, aAt: number, b: Limbs, bAt: number): boolean {
  for (let i = 0; i < WORD_LIMBS; i++) if ((a[aAt + i]! | 0) !== (b[bAt + i]! | 0)) return false
  return true
}

export function limbsAreZero(a: Limbs, at: number): boolean {
  for (let i = 0; i < WORD_LIMBS; i++) if (a[at + i] !== 0) return false
  return true
}

const MASK_256 = (1n << 256n) - 1n

/**
 * Big-endian bytes (any length) as a bigint, 32 bits at a time after the
 * leading zeros: 2-3× faster than going through a hex string, and far fewer
 * intermediate bigints than a byte at a time.
 */
export function wordToBigInt(bytes: Uint8Array): bigint {
  let at = 0
  while (at < bytes.length && bytes[at] === 0) at++
  const length = bytes.length - at
  if (length <= 6) {
    let small = 0
    for (; at < bytes.length; at++) small = small * 256 + bytes[at]!
    return BigInt(small)
  }
  let value = 0n
  for (let head = length % 4; head > 0; head--) value = (value << 8n) | BigInt(bytes[at++]!)
  for (; at < bytes.length; at += 4) {
    value = (value << 32n) | BigInt(((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0)
  }
  return value
}

/** A bigint (taken mod 2^256) as a new 32-byte big-endian word. */
export function bigIntToWord(value: bigint, into: Uint8Array = new Uint8Array(WORD_BYTES)): Uint8Array {
  let rest = value & MASK_256
  for (let i = WORD_BYTES - 1; i >= 0; i--) {
    into[i] = Number(rest & 0xffn)
    rest >>= 8n
  }
  return into
}

export function mod256(value: bigint): bigint {
  return value & MASK_256
}
