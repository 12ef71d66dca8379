import { RLP } from '@ethereumjs/rlp'
import fc from 'fast-check'
import { expect, it } from 'vitest'

import { type RlpView, decodeRlpPrefix, decodeRlpViews } from '../src/shared/rlpViews.js'

type Nested = Uint8Array | Nested[]

// Strings of every length class: single bytes (self-encoding or not), short (≤ 55) and long (> 55) payloads.
const bytes = fc.oneof(fc.uint8Array({ maxLength: 2 }), fc.uint8Array({ maxLength: 60 }), fc.uint8Array({ minLength: 56, maxLength: 300 }))
const nested = fc.letrec<{ item: Nested }>((tie) => ({
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, bytes, fc.array(tie('item'), { maxLength: 8 })),
})).item

const plain = (view: RlpView): unknown => (view instanceof Uint8Array ? Array.from(view) : view.map(plain))

it('decodes every encoding as @ethereumjs/rlp does, strings as views into the input', () => {
  fc.assert(
    fc.property(nested, (value) => {
      const encoded = RLP.encode(value as never)
      const decoded = decodeRlpViews(encoded)
      expect(plain(decoded)).toEqual(plain(RLP.decode(encoded) as RlpView))
      const firstString = (view: RlpView): Uint8Array | undefined => (view instanceof Uint8Array ? view : view.map(firstString).find((s) => s !== undefined))
      const string = firstString(decoded)
      if (string !== undefined) expect(string.buffer).toBe(encoded.buffer)
    }),
    { numRuns: 500 },
  )
})

it('reads a stream one item at a time', () => {
  fc.assert(
    fc.property(nested, nested, (first, second) => {
      const a = RLP.encode(first as never)
      const b = RLP.encode(second as never)
      const stream = new Uint8Array([...a, ...b])
      const prefix = decodeRlpPrefix(stream)
      expect(prefix.end).toBe(a.length)
      expect(plain(decodeRlpViews(stream.subarray(prefix.end)))).toEqual(plain(RLP.decode(b) as RlpView))
    }),
    { numRuns: 200 },
  )
})

it('rejects truncated, padded and non-canonical input', () => {
  const list = RLP.encode([new Uint8Array(70).fill(7), [Uint8Array.of(1, 2)]])
  expect(() => decodeRlpViews(list.subarray(0, list.length - 1))).toThrow(/runs past its end/)
  expect(() => decodeRlpViews(new Uint8Array([...list, 0]))).toThrow(/bytes after the item/)
  expect(() => decodeRlpViews(Uint8Array.of(0x81, 0x05))).toThrow(/single byte/)
  expect(() => decodeRlpViews(Uint8Array.of(0xb8, 0x05, 1, 2, 3, 4, 5))).toThrow(/below 56/)
  expect(() => decodeRlpViews(Uint8Array.of(0xb9, 0x00, 0x40))).toThrow(/leading zero/)
  expect(() => decodeRlpViews(Uint8Array.of(0xc3, 0x01))).toThrow(/runs past its end/)
})
