/**
 * RLP headers written by hand, for encoders that place a payload straight
 * into its final buffer instead of letting `RLP.encode` encode and copy it
 * again (@ethereumjs/rlp does not export its `encodeLength`).
 *
 * A header is `base + length` below 56 bytes of payload, else
 * `base + 55 + n` followed by the length in n big-endian bytes; `base` is
 * 0x80 for a string and 0xc0 for a list.
 */
export const RLP_STRING = 0x80
export const RLP_LIST = 0xc0

/** Bytes of the header of a payload of `length` bytes. */
export function rlpHeaderLength(length: number): number {
  return length < 56 ? 1 : 1 + byteCount(length)
}

/** Writes the header of a `base` item of `length` payload bytes at `at`; returns the offset after it. */
export function writeRlpHeader(out: Uint8Array, at: number, base: typeof RLP_STRING | typeof RLP_LIST, length: number): number {
  if (length < 56) {
    out[at] = base + length
    return at + 1
  }
  const count = byteCount(length)
  out[at] = base + 55 + count
  for (let i = count; i >= 1; i--, length = Math.floor(length / 256)) out[at + i] = length % 256
  return at + 1 + count
}

/** The header alone, as its own array. */
export function rlpHeader(base: typeof RLP_STRING | typeof RLP_LIST, length: number): Uint8Array {
  const header = new Uint8Array(rlpHeaderLength(length))
  writeRlpHeader(header, 0, base, length)
  return header
}

function byteCount(length: number): number {
  let count = 0
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) count++
  return count
}
