import { describe, expect, test } from 'vitest'
import { codeKey } from '../../src/shared/locations.js'
import { ReadSet } from '../../scheduler/readSet.js'
import { WriteSet } from '../../scheduler/writeSet.js'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { big, loc, version, word } from './support/fixtures.js'

const contract = codeKey(new Uint8Array(20).fill(0xc0))

describe('code', () => {
  test('writeCode / readCode round-trip arbitrary bytes, and views share memory without copying', () => {
    const mv = MVMemory.create({ txCount: 1, capacity: { code: { initial: 64, max: 1 << 20 } } })
    const code = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff) // forces the area to grow
    const ref = mv.writeCode(code)
    expect(ref.length).toBe(5000)
    expect(mv.readCode(ref)).toEqual(code)
    expect(mv.codeView(ref)).toEqual(code)
    expect(mv.readCode(mv.writeCode(new Uint8Array(0)))).toEqual(new Uint8Array(0))
  })

  test('a code write stores the hash as the value and the code by reference; readers and the snapshot get both', () => {
    const mv = MVMemory.create({ txCount: 3 })
    const writes = new WriteSet()
    const code = Uint8Array.of(0x60, 0x00, 0x60, 0x00, 0xf3)
    writes.setCode(contract, word(0xc0de), code)
    mv.record(version(1), new ReadSet(), writes)
    const outcome = mv.read(contract, 2)
    expect(outcome.kind).toBe('value')
    if (outcome.kind !== 'value') return
    expect(big(outcome.value)).toBe(0xc0den)
    expect(mv.readCode(outcome.code!)).toEqual(code)
    expect(mv.read(contract, 1).kind).toBe('base')
    expect(mv.snapshot()).toEqual([{ kind: 'value', location: contract, writer: { tx: 1, incarnation: 0 }, value: word(0xc0de), code }])
  })

  test('code locations take code only, and other locations take no code', () => {
    const writes = new WriteSet()
    expect(() => writes.setValue(contract, word(1))).toThrow(TypeError)
    expect(() => writes.addDelta(contract, word(1))).toThrow(TypeError)
    expect(() => writes.setCode(loc(1), word(1), new Uint8Array(1))).toThrow(TypeError)
  })
})
