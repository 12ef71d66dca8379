/** Hand-made predictions for graph tests: location strings in, `SourcePredictions` out. */
import type { Confidence, SourcePredictions, TxPrediction } from '../../../analyzer/prediction.js'
import { addressChars, parseLocation } from '../../../src/shared/locations.js'

export interface TxSpec {
  reads?: string[]
  writes?: string[]
  coarseReads?: string[]
  coarseWrites?: string[]
  dependsOn?: number[]
}

export function prediction(spec: TxSpec, confidence: Confidence = 'likely'): TxPrediction {
  const coarse = (addresses: string[] | undefined, access: 'read' | 'write') =>
    (addresses ?? []).map((address) => ({ account: addressChars(Buffer.from(address.slice(2), 'hex')), kind: 'any-storage' as const, access }))
  return {
    reads: new Set((spec.reads ?? []).map(parseLocation)),
    writes: new Set((spec.writes ?? []).map(parseLocation)),
    coarse: [...coarse(spec.coarseReads, 'read'), ...coarse(spec.coarseWrites, 'write')],
    dependsOn: spec.dependsOn,
    confidence,
  }
}

export function source(name: string, specs: TxSpec[], confidence: Confidence = 'likely'): SourcePredictions {
  return { source: name, predictions: specs.map((spec) => prediction(spec, confidence)), ms: 0 }
}
