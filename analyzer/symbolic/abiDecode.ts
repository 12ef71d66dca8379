/**
 * Calldata → the static words of a function's arguments, by the argument
 * types evmole recovered (`address,uint256`, `(address,uint24)[]`, `bytes`…).
 * Static values are taken where the ABI puts them, dynamic arrays and
 * tuples are followed through their offsets (at most `MAX_ARRAY_ELEMENTS`
 * elements each), `bytes` and `string` are skipped. Truncated or hostile
 * calldata yields the words that could be read, never an exception.
 */
import { splitTypes } from '../bytecode/bytecodeSummary.js'
import { looksLikeAddress } from '../bytecode/codeFacts.js'
import { type KeyFamily, keyFamily } from '../bytecode/storageType.js'

export interface AbiWord {
  readonly family: KeyFamily
  /** The 32-byte word as encoded (addresses left-padded, signed integers sign-extended). */
  readonly word: Uint8Array
}

const MAX_ARRAY_ELEMENTS = 16
const MAX_WORDS = 128

export function decodeArguments(types: readonly string[], calldata: Uint8Array): AbiWord[] {
  const words: AbiWord[] = []
  try {
    decodeTuple(types, calldata.subarray(4), 0, words)
  } catch (error) {
    if (!(error instanceof OutOfRange)) throw error
  }
  return words
}

/** 32-byte-aligned calldata words that hold an address (top 12 bytes zero, not a small number). */
export function addressWordsIn(calldata: Uint8Array): Uint8Array[] {
  const addresses: Uint8Array[] = []
  for (let at = 4; at + 32 <= calldata.length; at += 32) {
    const word = calldata.subarray(at, at + 32)
    if (word.subarray(0, 12).every((byte) => byte === 0) && looksLikeAddress(word.subarray(12))) addresses.push(word.slice(12))
  }
  return addresses
}

class OutOfRange extends Error {}

function decodeTuple(types: readonly string[], data: Uint8Array, base: number, out: AbiWord[]): void {
  let head = base
  for (const type of types) {
    if (isDynamic(type)) decodeValue(type, data, base + readOffset(data, head), out)
    else decodeValue(type, data, head, out)
    head += isDynamic(type) ? 32 : staticSize(type)
  }
}

function decodeValue(type: string, data: Uint8Array, at: number, out: AbiWord[]): void {
  if (out.length >= MAX_WORDS) throw new OutOfRange()
  if (type.startsWith('(') && type.endsWith(')')) return decodeTuple(splitTypes(type.slice(1, -1)), data, at, out)
  const array = /^(.*)\[(\d*)\]$/.exec(type)
  if (array !== null) {
    const [, element, fixed] = array
    const length = fixed === '' ? readOffset(data, at) : Number(fixed)
    const start = fixed === '' ? at + 32 : at
    return decodeTuple(Array<string>(Math.min(length, MAX_ARRAY_ELEMENTS)).fill(element!), data, start, out)
  }
  if (type === 'bytes' || type === 'string') return
  if (at + 32 > data.length) throw new OutOfRange()
  out.push({ family: keyFamily(type), word: data.subarray(at, at + 32) })
}

function isDynamic(type: string): boolean {
  if (type === 'bytes' || type === 'string' || type.endsWith('[]')) return true
  const array = /^(.*)\[\d+\]$/.exec(type)
  if (array !== null) return isDynamic(array[1]!)
  if (type.startsWith('(')) return splitTypes(type.slice(1, -1)).some(isDynamic)
  return false
}

function staticSize(type: string): number {
  const array = /^(.*)\[(\d+)\]$/.exec(type)
  if (array !== null) return Number(array[2]) * staticSize(array[1]!)
  if (type.startsWith('(')) return splitTypes(type.slice(1, -1)).reduce((sum, component) => sum + staticSize(component), 0)
  return 32
}

/** A word used as an offset or length: must be small and point inside the calldata. */
function readOffset(data: Uint8Array, at: number): number {
  if (at + 32 > data.length) throw new OutOfRange()
  for (let i = at; i < at + 28; i++) if (data[i] !== 0) throw new OutOfRange()
  const value = ((data[at + 28]! << 24) | (data[at + 29]! << 16) | (data[at + 30]! << 8) | data[at + 31]!) >>> 0
  if (value > data.length) throw new OutOfRange()
  return value
}
