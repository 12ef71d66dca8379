/**
 * Scheduling hints handed to the public API are checked for shape before
 * anything runs: a malformed hint (not an array, an index that is not a
 * whole number, a location that is not a LocationKey, an unknown field) is a
 * bug in the caller and gets a one-line InputError naming the entry.
 *
 * Well-formed but wrong hints are a different matter — cycles, edges to later
 * transactions, indices outside the block, everything depending on
 * everything: those are advice the engine may ignore or judge wrong while it
 * runs (scheduler/hintTrust.ts). They never change a result, so they are
 * accepted here.
 */
import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import { inputError } from '../shared/errors.js'
import { isLocationKey } from '../shared/locations.js'

const FIELDS = new Set(['startAfter', 'estimates', 'trust'])

export function checkSchedulingHints(hints: unknown): SchedulingHints {
  if (typeof hints !== 'object' || hints === null || Array.isArray(hints)) throw inputError('hints: expected an object { startAfter?, estimates?, trust? }')
  const record = hints as Record<string, unknown>
  for (const field of Object.keys(record)) if (!FIELDS.has(field)) throw inputError(`hints: unknown field "${field}" (known: ${[...FIELDS].join(', ')})`)
  if (record.startAfter !== undefined) {
    if (!Array.isArray(record.startAfter)) throw inputError('hints.startAfter: expected an array of [tx, after] pairs')
    record.startAfter.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(Number.isSafeInteger)) {
        throw inputError(`hints.startAfter[${i}]: expected a pair of whole numbers [tx, after], got ${JSON.stringify(pair)}`)
      }
    })
  }
  if (record.estimates !== undefined) {
    if (!Array.isArray(record.estimates)) throw inputError('hints.estimates: expected an array of [tx, locations] entries')
    record.estimates.forEach((entry, i) => {
      if (!Array.isArray(entry) || entry.length !== 2 || !Number.isSafeInteger(entry[0]) || !Array.isArray(entry[1])) {
        throw inputError(`hints.estimates[${i}]: expected [tx, LocationKey[]]`)
      }
      ;(entry[1] as unknown[]).forEach((key, k) => {
        if (typeof key !== 'string' || !isLocationKey(key)) throw inputError(`hints.estimates[${i}][1][${k}]: not a location key (use the keys of src/shared/locations.ts)`)
      })
    })
  }
  if (record.trust !== undefined && record.trust !== 'monitor' && record.trust !== 'always') throw inputError(`hints.trust: expected "monitor" or "always", got ${JSON.stringify(record.trust)}`)
  return record as SchedulingHints
}
