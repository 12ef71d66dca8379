/**
 * RLP decoding into views: every decoded string is a `subarray` of the input
 * (no copy), every list a plain array, the same shape `@ethereumjs/rlp`'s
 * `decode` returns. Written for the receipts' logs the parallel engine's
 * workers hand over encoded (executor/receiptParts.ts): ethereumjs's decoder
 * makes two subarrays and a result object per item and took 36-43 ms for
 * the 10,041 logs of block 15,537,394, walking offsets 13-22 ms (one view
 * per item).
 * Malformed input throws, as ethereumjs's decoder does.
 */
export type RlpView = Uint8Array | RlpView[]

/** The one item `bytes` encodes (trailing bytes are an error). */
export function decodeRlpViews(bytes: Uint8Array): RlpView {
  const [item, end] = decodeAt(bytes, 0, bytes.length)
  if (end !== bytes.length) throw new Error('invalid RLP: bytes after the item')
  return item
}

/** The first item `bytes` encodes, and the offset just past it (an RLP stream read one item at a time). */
export function decodeRlpPrefix(bytes: Uint8Array): { readonly item: RlpView; readonly end: number } {
  const [item, end] = decodeAt(bytes, 0, bytes.length)
  return { item, end }
}

/** The item starting at `offset`, which must end by `limit`, and the offset just past it. */
function decodeAt(bytes: Uint8Array, offset: number, limit: number): [RlpView, number] {
  const first = bytes[offset]!
  if (first < 0x80) return [bytes.subarray(offset, offset + 1), offset + 1]
  if (first < 0xc0) {
    const [start, length] = first <= 0xb7 ? [offset + 1, first - 0x80] : longLength(bytes, offset, first - 0xb7)
    const end = within(start + length, limit)
    if (length === 1 && bytes[start]! < 0x80) throw new Error('invalid RLP: a single byte below 0x80 must encode itself')
    return [bytes.subarray(start, end), end]
  }
  const [start, length] = first <= 0xf7 ? [offset + 1, first - 0xc0] : longLength(bytes, offset, first - 0xf7)
  const end = within(start + length, limit)
  const list: RlpView[] = []
  for (let at = start; at < end; ) {
    const [item, next] = decodeAt(bytes, at, end)
    list.push(item)
    at = next
  }
  return [list, end]
}

/** A long string's or list's payload start and length, from the `lengthBytes` big-endian bytes after the prefix. */
function longLength(bytes: Uint8Array, offset: number, lengthBytes: number): [number, number] {
  const start = within(offset + 1 + lengthBytes, bytes.length)
  if (bytes[offset + 1] === 0) throw new Error('invalid RLP: a length with a leading zero')
  let length = 0
  for (let i = offset + 1; i < start; i++) length = length * 256 + bytes[i]!
  if (length < 56) throw new Error('invalid RLP: a long form for a length below 56')
  return [start, length]
}

function within(end: number, limit: number): number {
  if (end > limit) throw new Error('invalid RLP: an item runs past its end')
  return end
}
