import { expect, test } from 'vitest'
import { WriteSet } from '../../scheduler/writeSet.js'
import { loc, word } from './support/fixtures.js'

const MAX = (1n << 256n) - 1n

function contents(writes: WriteSet): [string, number, bigint][] {
  const limbs = writes.limbWords()
  return Array.from({ length: writes.size }, (_, i) => {
    let value = 0n
    for (let k = 0; k < 8; k++) value = (value << 32n) | BigInt(limbs[i * 8 + k]! >>> 0)
    return [writes.keyAt(i), writes.kindAt(i), value]
  })
}

test('one entry per location: value replaces, delta adds (to a value or a delta), mod 2^256', () => {
  const writes = new WriteSet()
  writes.addDelta(loc(1), word(5))
  writes.setValue(loc(1), word(100)) // an absolute write already includes what was added before
  writes.addDelta(loc(1), word(MAX)) // -1
  writes.addDelta(loc(2), word(MAX))
  writes.addDelta(loc(2), word(3))
  expect(contents(writes)).toEqual([
    [loc(1), 1, 99n],
    [loc(2), 2, 2n],
  ])
  writes.clear()
  expect(writes.size).toBe(0)
  writes.setValue(loc(3), Uint8Array.of(1, 0)) // short words are big-endian numbers
  expect(contents(writes)).toEqual([[loc(3), 1, 256n]])
  expect(() => writes.setValue(loc(3), new Uint8Array(33))).toThrow(RangeError)
})
