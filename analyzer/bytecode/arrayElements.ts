/**
 * evmole reports the element a function touched in a dynamic array (or a
 * long string) as a plain slot, keccak256(p) + i, next to the array's own
 * slot p. That slot is only right for that one index; which element a
 * transaction touches depends on the array's length or an argument. Such
 * slots are recognised here (within MAX_ELEMENTS of keccak256(p) for a
 * dynamic-array, string or bytes slot p) and become coarse predictions.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import type { EvmoleStorageRecord } from './evmoleAdapter.js'

export const ELEMENT_OF = 'element of '
const MAX_ELEMENTS = 1n << 32n

/** Slot (64 hex digits) → the array type it is an element slot of. */
export function arrayElementSlots(records: readonly EvmoleStorageRecord[]): Map<string, string> {
  const bases: { start: bigint; type: string }[] = []
  for (const record of records) {
    if (!(record.type.endsWith('[]') || record.type === 'string' || record.type === 'bytes')) continue
    const start = BigInt('0x' + Buffer.from(keccak_256(Buffer.from(record.slot.padStart(64, '0'), 'hex'))).toString('hex'))
    bases.push({ start, type: record.type })
  }
  const elements = new Map<string, string>()
  if (bases.length === 0) return elements
  for (const record of records) {
    const slot = BigInt('0x' + record.slot)
    const base = bases.find(({ start }) => slot >= start && slot - start < MAX_ELEMENTS)
    if (base !== undefined) elements.set(record.slot, base.type)
  }
  return elements
}
