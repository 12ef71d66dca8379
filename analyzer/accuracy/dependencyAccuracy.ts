/**
 * The predicted dependency graph against the actual one (built the same way
 * from the recorded accesses: an actual dependency is (i, j) where i is the
 * nearest earlier transaction that wrote a location j read).
 *
 *   recall (direct)    actual dependencies the graph has as an edge i → j (any edge,
 *                      exact location, coarse or declared)
 *   recall (path)      actual dependencies the graph orders: a path i ⇝ j exists
 *                      (what a scheduler that waits on predecessors enforces)
 *   precision          predicted edges that are actual dependencies
 *   conflict precision predicted edges i → j where i actually wrote something j
 *                      actually read, nearest writer or not (a weaker test: the edge
 *                      orders a real conflict, though another edge may be the nearest)
 *
 * `storage*` counts restrict recall to dependencies that involve at least one
 * storage location: where bytecode analysis, not transaction facts, must help.
 */
import { type LocationKey, LocationKind, kindOf } from '../../src/shared/locations.js'
import type { DependencyGraph } from '../graph/dependencyGraph.js'
import type { AccessSets } from './locationAccuracy.js'

export interface DependencyCounts {
  actual: number
  predicted: number
  recalledDirect: number
  recalledPath: number
  correct: number
  conflicts: number
  storageActual: number
  storageRecalled: number
}

export function emptyDependencyCounts(): DependencyCounts {
  return { actual: 0, predicted: 0, recalledDirect: 0, recalledPath: 0, correct: 0, conflicts: 0, storageActual: 0, storageRecalled: 0 }
}

export function mergeDependencyCounts(into: DependencyCounts, other: DependencyCounts): void {
  for (const field of Object.keys(into) as (keyof DependencyCounts)[]) into[field] += other[field]
}

export function compareDependencies(predicted: DependencyGraph, actual: DependencyGraph, actualAccesses: readonly AccessSets[]): DependencyCounts {
  const counts = emptyDependencyCounts()
  counts.actual = actual.size
  counts.predicted = predicted.size
  actual.forEachEdge((_, edge, source, target) => {
    const involvesStorage = edge.locations.some((key: LocationKey) => kindOf(key) === LocationKind.Storage)
    if (involvesStorage) counts.storageActual++
    if (predicted.hasDirectedEdge(source, target)) {
      counts.recalledDirect++
      counts.recalledPath++
      if (involvesStorage) counts.storageRecalled++
    } else if (reaches(predicted, Number(source), Number(target))) {
      counts.recalledPath++
    }
  })
  predicted.forEachEdge((_, __, source, target) => {
    if (actual.hasDirectedEdge(source, target)) counts.correct++
    const writes = actualAccesses[Number(source)]!.writes
    for (const key of actualAccesses[Number(target)]!.reads) {
      if (writes.has(key)) {
        counts.conflicts++
        break
      }
    }
  })
  return counts
}

/** Is there a path from → to? Edges go forward, so only nodes up to `to` need a visit. */
function reaches(graph: DependencyGraph, from: number, to: number): boolean {
  const seen = new Set<number>([from])
  const stack = [from]
  while (stack.length > 0) {
    const node = stack.pop()!
    let found = false
    graph.forEachOutNeighbor(String(node), (neighbor) => {
      const next = Number(neighbor)
      if (next === to) found = true
      else if (next < to && !seen.has(next)) {
        seen.add(next)
        stack.push(next)
      }
    })
    if (found) return true
  }
  return false
}
