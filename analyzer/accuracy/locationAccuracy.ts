/**
 * Predicted against actual locations, transaction by transaction, counted
 * per location kind (micro-averaged: every location of every transaction
 * counts once). Reads are compared with reads and writes with writes. An
 * actual storage location missed exactly but inside a coarse prediction for
 * its contract (same access) counts as `coarseCovered`, not as a hit.
 */
import { type LocationKey, LocationKind, accountCharsOf, kindName, kindOf } from '../../src/shared/locations.js'
import type { CoarseLocation } from '../prediction.js'

export interface Counts {
  predicted: number
  actual: number
  hit: number
  coarseCovered: number
}

export type KindName = 'balance' | 'nonce' | 'code' | 'storage'
export const KIND_NAMES: readonly KindName[] = ['balance', 'nonce', 'code', 'storage']

export interface LocationAccuracy {
  readonly reads: Record<KindName, Counts>
  readonly writes: Record<KindName, Counts>
}

export interface AccessSets {
  readonly reads: ReadonlySet<LocationKey>
  readonly writes: ReadonlySet<LocationKey>
}

export interface PredictedSets extends AccessSets {
  readonly coarse: readonly CoarseLocation[]
}

export function emptyLocationAccuracy(): LocationAccuracy {
  const counts = () => ({ predicted: 0, actual: 0, hit: 0, coarseCovered: 0 })
  const perKind = () => ({ balance: counts(), nonce: counts(), code: counts(), storage: counts() })
  return { reads: perKind(), writes: perKind() }
}

export function addTransaction(into: LocationAccuracy, predicted: PredictedSets, actual: AccessSets): void {
  compare(into.reads, predicted.reads, actual.reads, coarseAccounts(predicted.coarse, 'read'))
  compare(into.writes, predicted.writes, actual.writes, coarseAccounts(predicted.coarse, 'write'))
}

export function mergeLocationAccuracy(into: LocationAccuracy, other: LocationAccuracy): void {
  for (const mode of ['reads', 'writes'] as const) {
    for (const kind of KIND_NAMES) {
      const a = into[mode][kind]
      const b = other[mode][kind]
      a.predicted += b.predicted
      a.actual += b.actual
      a.hit += b.hit
      a.coarseCovered += b.coarseCovered
    }
  }
}

function compare(into: Record<KindName, Counts>, predicted: ReadonlySet<LocationKey>, actual: ReadonlySet<LocationKey>, coarse: ReadonlySet<string>): void {
  for (const key of predicted) {
    const counts = into[kindName(kindOf(key)) as KindName]
    counts.predicted++
    if (actual.has(key)) counts.hit++
  }
  for (const key of actual) {
    const counts = into[kindName(kindOf(key)) as KindName]
    counts.actual++
    if (!predicted.has(key) && kindOf(key) === LocationKind.Storage && coarse.has(accountCharsOf(key))) counts.coarseCovered++
  }
}

function coarseAccounts(coarse: readonly CoarseLocation[], access: 'read' | 'write'): ReadonlySet<string> {
  return new Set(coarse.filter((entry) => entry.access === access).map((entry) => entry.account))
}
