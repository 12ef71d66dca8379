/**
 * A function's storage summary (evmole: base slots and mappings it reads and
 * writes) made concrete for one call:
 *
 *   value at slot p        storage(this, p)
 *   dynamic array at p     storage(this, p) (its length) + coarse (elements)
 *   element of an array    coarse (evmole names one element; the index varies)
 *   mapping at p, keys k…  storage(this, keccak(k_n . … keccak(k_1 . p))) for every
 *                          combination of candidate keys (`keyCandidates`);
 *                          coarse when a level has no candidate or the
 *                          combinations exceed MAX_COMBINATIONS
 */
import { storageKey } from '../../src/shared/locations.js'
import type { StorageRef } from '../bytecode/bytecodeSummary.js'
import { type StorageShape, keyFamily, parseStorageType } from '../bytecode/storageType.js'
import type { AbiWord } from './abiDecode.js'
import type { CallFrame } from './callFrame.js'
import { keyCandidates } from './keyCandidates.js'
import { nestedMappingSlot, slotFromHex } from './mappingSlot.js'
import type { PredictionBuilder } from './predictionBuilder.js'

export const MAX_COMBINATIONS = 16

const shapes = new Map<string, StorageShape>()

export function addStorageAccess(ref: StorageRef, mode: 'read' | 'write', frame: CallFrame, args: readonly AbiWord[], out: PredictionBuilder): void {
  let shape = shapes.get(ref.type)
  if (shape === undefined) shapes.set(ref.type, (shape = parseStorageType(ref.type)))
  const slot = slotFromHex(ref.slot)
  if (shape.kind === 'value') return out.access(storageKey(frame.storage, slot), mode)
  if (shape.kind === 'element') return out.coarseStorage(frame.storage, mode)
  if (shape.kind === 'array') {
    out.access(storageKey(frame.storage, slot), mode)
    return out.coarseStorage(frame.storage, mode)
  }
  const levels = shape.keys.map((type) => keyCandidates(keyFamily(type), frame, args))
  const combinations = levels.reduce((product, level) => product * (level?.length ?? Infinity), 1)
  if (combinations > MAX_COMBINATIONS) return out.coarseStorage(frame.storage, mode)
  for (const keys of cartesian(levels as Uint8Array[][])) {
    out.access(storageKey(frame.storage, nestedMappingSlot(keys, slot)), mode)
  }
}

function* cartesian(levels: readonly Uint8Array[][]): Generator<Uint8Array[]> {
  if (levels.length === 0) {
    yield []
    return
  }
  const [first, ...rest] = levels
  for (const key of first!) for (const tail of cartesian(rest)) yield [key, ...tail]
}
