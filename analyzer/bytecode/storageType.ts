/**
 * evmole's storage types, parsed: `uint256`, `address`, `uint256[]`,
 * `mapping(address => uint256)`, `mapping(address => mapping(address => uint256))`,
 * and the summary's own `element of uint256[]` (see `arrayElements.ts`).
 * Only the shape matters to the slot derivation: a value at its slot, a
 * dynamic array (length at the slot, elements elsewhere), or a mapping with
 * its key types from the outermost in.
 */
import { ELEMENT_OF } from './arrayElements.js'

export type StorageShape =
  | { readonly kind: 'value'; readonly type: string }
  | { readonly kind: 'array'; readonly element: string }
  /** A slot inside a dynamic array's (or long string's) data: which one depends on the call. */
  | { readonly kind: 'element'; readonly array: string }
  | { readonly kind: 'mapping'; readonly keys: readonly string[]; readonly value: string }

export function parseStorageType(type: string): StorageShape {
  if (type.startsWith(ELEMENT_OF)) return { kind: 'element', array: type.slice(ELEMENT_OF.length) }
  const keys: string[] = []
  let rest = type.trim()
  for (;;) {
    const match = /^mapping\s*\(\s*([^=\s]+)\s*=>\s*(.*)\)$/.exec(rest)
    if (match === null) break
    keys.push(match[1]!)
    rest = match[2]!.trim()
  }
  if (keys.length > 0) return { kind: 'mapping', keys, value: rest }
  if (rest.endsWith('[]')) return { kind: 'array', element: rest.slice(0, -2) }
  return { kind: 'value', type: rest }
}

/** The ABI/key family a type belongs to, for choosing mapping-key candidates. */
export type KeyFamily = 'address' | 'integer' | 'bytes32' | 'bool' | 'dynamic'

export function keyFamily(type: string): KeyFamily {
  if (type === 'address' || type.startsWith('contract')) return 'address'
  if (/^u?int\d*$/.test(type)) return 'integer'
  if (/^bytes\d+$/.test(type)) return 'bytes32'
  if (type === 'bool') return 'bool'
  return 'dynamic'
}
