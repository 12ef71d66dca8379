/**
 * The hints-file format (documented in `README.md` beside this file): per
 * transaction index, predicted reads and writes as location strings and/or
 * explicit dependencies on earlier transactions. Validated strictly, the way
 * producers' dependency metadata was guarded elsewhere: indices in range and
 * ascending, dependencies strictly below the transaction's own index and
 * ascending, well-formed locations, no unknown fields. Anything else is an
 * `InputError` naming the file and the entry.
 */
import { inputError } from '../../src/shared/errors.js'
import { type LocationKey, parseLocation } from '../../src/shared/locations.js'
import { isObject } from '../../src/shared/preState.js'
import type { Confidence } from '../prediction.js'

export const HINTS_FORMAT = 'pevm-hints/1'

export interface TxHint {
  readonly index: number
  readonly reads: readonly LocationKey[]
  readonly writes: readonly LocationKey[]
  readonly dependsOn: readonly number[] | undefined
}

export interface HintsFile {
  readonly confidence: Confidence
  /** Ascending by index; transactions without an entry have no hint. */
  readonly hints: readonly TxHint[]
}

const TOP_LEVEL_FIELDS = new Set(['format', 'confidence', 'transactions'])
const ENTRY_FIELDS = new Set(['index', 'reads', 'writes', 'dependsOn'])
const CONFIDENCES: readonly Confidence[] = ['certain', 'likely', 'possible']

export function parseHintsFile(json: unknown, file: string, txCount: number): HintsFile {
  if (!isObject(json)) throw inputError(`${file}: expected a hints object {"format": "${HINTS_FORMAT}", "transactions": [...]}`)
  for (const field of Object.keys(json)) {
    if (!TOP_LEVEL_FIELDS.has(field)) throw inputError(`${file}: unknown field "${field}"`)
  }
  if (json.format !== HINTS_FORMAT) {
    throw inputError(`${file}: "format" must be "${HINTS_FORMAT}", got ${JSON.stringify(json.format)}`)
  }
  const confidence = json.confidence ?? 'likely'
  if (!CONFIDENCES.includes(confidence as Confidence)) {
    throw inputError(`${file}: "confidence" must be one of ${CONFIDENCES.join(', ')}, got ${JSON.stringify(confidence)}`)
  }
  if (!Array.isArray(json.transactions)) throw inputError(`${file}: "transactions" must be an array`)
  const hints: TxHint[] = []
  json.transactions.forEach((entry, position) => {
    const hint = parseEntry(entry, `${file}: transactions[${position}]`, txCount)
    const previous = hints[hints.length - 1]
    if (previous !== undefined && hint.index <= previous.index) {
      throw inputError(`${file}: transactions[${position}]: index ${hint.index} is not above the previous entry's ${previous.index} (entries must be ascending, one per transaction)`)
    }
    hints.push(hint)
  })
  return { confidence: confidence as Confidence, hints }
}

function parseEntry(entry: unknown, where: string, txCount: number): TxHint {
  if (!isObject(entry)) throw inputError(`${where}: expected an object {index, reads?, writes?, dependsOn?}`)
  for (const field of Object.keys(entry)) {
    if (!ENTRY_FIELDS.has(field)) throw inputError(`${where}: unknown field "${field}"`)
  }
  const index = entry.index
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= txCount) {
    throw inputError(`${where}: "index" must be a transaction index from 0 to ${txCount - 1}, got ${JSON.stringify(index)}`)
  }
  const at = `${where} (tx ${index})`
  return {
    index: index as number,
    reads: parseLocations(entry.reads, `${at}.reads`),
    writes: parseLocations(entry.writes, `${at}.writes`),
    dependsOn: entry.dependsOn === undefined ? undefined : parseDependencies(entry.dependsOn, `${at}.dependsOn`, index as number),
  }
}

function parseLocations(json: unknown, where: string): LocationKey[] {
  if (json === undefined) return []
  if (!Array.isArray(json)) throw inputError(`${where}: expected an array of locations like "storage(0xaddr,0xslot)"`)
  return json.map((text, i) => {
    if (typeof text !== 'string') throw inputError(`${where}[${i}]: expected a location string, got ${JSON.stringify(text)}`)
    try {
      return parseLocation(text)
    } catch (error) {
      throw inputError(`${where}[${i}]: ${(error as Error).message} (expected balance(0x…), nonce(0x…), code(0x…) or storage(0x…,0x…))`, error)
    }
  })
}

function parseDependencies(json: unknown, where: string, index: number): number[] {
  if (!Array.isArray(json)) throw inputError(`${where}: expected an array of earlier transaction indices`)
  json.forEach((dependency, i) => {
    if (!Number.isSafeInteger(dependency) || dependency < 0 || dependency >= index) {
      throw inputError(`${where}[${i}]: a dependency must be an earlier transaction index (0 to ${index - 1}), got ${JSON.stringify(dependency)}`)
    }
    if (i > 0 && dependency <= json[i - 1]) {
      throw inputError(`${where}: dependencies must be strictly ascending, got ${JSON.stringify(json)}`)
    }
  })
  return json as number[]
}
