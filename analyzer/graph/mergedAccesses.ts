/**
 * All sources' predictions for one transaction, merged: per location (and
 * per coarse contract, per declared dependency), which sources named it and
 * the strongest confidence among them. The dependency graph is built from
 * these, so that each edge can say where it came from.
 */
import { type LocationKey, LocationKind } from '../../src/shared/locations.js'
import { type Confidence, type SourcePredictions, strongerConfidence } from '../prediction.js'

export interface Evidence {
  readonly sources: string[]
  confidence: Confidence
}

export interface MergedAccesses {
  readonly reads: Map<LocationKey, Evidence>
  readonly writes: Map<LocationKey, Evidence>
  /** Lazy credits (prediction.ts): written as DELTAs, never read. */
  readonly credits: Map<LocationKey, Evidence>
  /** Contract (account chars) → evidence, for "some slot of this contract". */
  readonly coarseReads: Map<string, Evidence>
  readonly coarseWrites: Map<string, Evidence>
  readonly dependsOn: Map<number, Evidence>
}

/** Which locations take part in dependencies (e.g. all but balances, when credits are lazy). */
export type LocationFilter = (key: LocationKey) => boolean

export function mergeAccesses(txCount: number, sources: readonly SourcePredictions[], include: LocationFilter = () => true): MergedAccesses[] {
  const merged: MergedAccesses[] = Array.from({ length: txCount }, () => ({
    reads: new Map(),
    writes: new Map(),
    credits: new Map(),
    coarseReads: new Map(),
    coarseWrites: new Map(),
    dependsOn: new Map(),
  }))
  for (const { source, predictions } of sources) {
    predictions.forEach((prediction, tx) => {
      const into = merged[tx]!
      for (const key of prediction.reads) if (include(key)) note(into.reads, key, source, prediction.confidence)
      for (const key of prediction.writes) if (include(key)) note(into.writes, key, source, prediction.confidence)
      for (const key of prediction.credits ?? []) if (include(key)) note(into.credits, key, source, prediction.confidence)
      for (const coarse of prediction.coarse) {
        if (!include(anyStorageKeyOf(coarse.account))) continue
        note(coarse.access === 'read' ? into.coarseReads : into.coarseWrites, coarse.account, source, 'possible')
      }
      for (const dependency of prediction.dependsOn ?? []) note(into.dependsOn, dependency, source, prediction.confidence)
    })
  }
  return merged
}

function note<K>(map: Map<K, Evidence>, key: K, source: string, confidence: Confidence): void {
  const known = map.get(key)
  if (known === undefined) return void map.set(key, { sources: [source], confidence })
  if (!known.sources.includes(source)) known.sources.push(source)
  known.confidence = strongerConfidence(known.confidence, confidence)
}

/** A storage key of the account with a zero slot: lets a location filter judge coarse storage like any slot. */
function anyStorageKeyOf(account: string): LocationKey {
  return (String.fromCharCode(LocationKind.Storage) + account + '\0'.repeat(32)) as LocationKey
}
