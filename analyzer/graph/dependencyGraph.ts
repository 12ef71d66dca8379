/**
 * The predicted dependency graph: one node per transaction (weighted by its
 * expected gas), an edge i → j when j is predicted to read a location that i
 * is predicted to write and i is the nearest earlier such writer — the
 * read-after-write dependencies Block-STM must respect. Write-after-write
 * needs no edge (the multi-version memory keeps both).
 *
 * Coarse predictions ("some slot of contract X"): a coarse write of X makes
 * its transaction a possible writer of every slot of X (a reader of slot s
 * depends on it if it is later than s's exact writer, and on that exact
 * writer too, in case the coarse one did not touch s); a coarse read of X depends on
 * the latest transaction that wrote any slot of X (exactly or coarsely) —
 * the nearest possible writer; older writers are ordered before it already
 * or are independent of it. The edges they make carry the contract and
 * confidence `possible`. Lazy credits (a fee, value sent to an account the
 * transaction never reads) are DELTAs: they make no edge among themselves,
 * and a reader depends on the last writer and on every credit after it
 * (it reads their sum). Declared dependencies (hints files) become edges as
 * they are. Every edge lists its locations, sources and confidence (the
 * strongest evidence, each piece being as strong as its weaker side).
 */
import { DirectedGraph } from 'graphology'

import { type LocationKey, LocationKind, accountCharsOf, kindOf } from '../../src/shared/locations.js'
import { type Confidence, strongerConfidence, weakerConfidence } from '../prediction.js'
import type { Evidence, MergedAccesses } from './mergedAccesses.js'

export interface TxNode {
  readonly index: number
  /** Expected gas: the node's weight on the critical path. */
  readonly gas: number
}

export interface DependencyEdge {
  readonly locations: LocationKey[]
  /** Contracts (account chars) whose coarse prediction made the edge. */
  readonly coarse: string[]
  declared: boolean
  /**
   * Every piece of evidence is a read of lazy credits (the beneficiary's
   * fees): the engine itself waits for those (versionedState.ts,
   * awaitEveryEarlierFee), so they cost no doomed re-execution.
   */
  onlyCredits: boolean
  readonly sources: string[]
  confidence: Confidence
}

export type DependencyGraph = DirectedGraph<TxNode, DependencyEdge>

interface Write {
  readonly tx: number
  readonly evidence: Evidence
}

export function buildDependencyGraph(accesses: readonly MergedAccesses[], gas: readonly number[]): DependencyGraph {
  const graph: DependencyGraph = new DirectedGraph<TxNode, DependencyEdge>()
  accesses.forEach((_, index) => graph.addNode(String(index), { index, gas: gas[index] ?? 0 }))
  forEachDependency(accesses, (from, to, read, write, reason) => addEvidence(graph, from, to, read, write, reason))
  return graph
}

/**
 * The rules above, walked once: `visit(i, j, …)` for every piece of evidence
 * that j depends on i (i < j; the same pair may come several times, once
 * per location). Shared by the graph and by anything that needs the edges
 * of many orders fast (src/order/orderModel.ts).
 */
export function forEachDependency(accesses: readonly MergedAccesses[], visit: (from: number, to: number, read: Evidence, write: Evidence, reason: DependencyReason) => void): void {
  const lastWriter = new Map<LocationKey, Write>()
  const lastCoarseWriter = new Map<string, Write>()
  /** Contract → the latest transaction that wrote any of its slots, exactly or coarsely. */
  const lastStorageWriter = new Map<string, Write>()
  /** Location → the credits since its last write. */
  const creditsSince = new Map<LocationKey, Write[]>()

  accesses.forEach((tx, j) => {
    for (const [key, read] of tx.reads) {
      const exact = lastWriter.get(key)
      if (exact !== undefined) visit(exact.tx, j, read, exact.evidence, { location: key })
      for (const credit of creditsSince.get(key) ?? []) visit(credit.tx, j, read, credit.evidence, { location: key, credit: true })
      if (kindOf(key) !== LocationKind.Storage) continue
      const coarse = lastCoarseWriter.get(accountCharsOf(key))
      if (coarse !== undefined && (exact === undefined || coarse.tx > exact.tx)) {
        visit(coarse.tx, j, read, coarse.evidence, { coarse: accountCharsOf(key) })
      }
    }
    for (const [account, read] of tx.coarseReads) {
      const latest = lastStorageWriter.get(account)
      if (latest !== undefined) visit(latest.tx, j, read, latest.evidence, { coarse: account })
    }
    for (const [dependency, declared] of tx.dependsOn) visit(dependency, j, declared, declared, { declared: true })

    for (const [key, evidence] of tx.writes) {
      lastWriter.set(key, { tx: j, evidence })
      creditsSince.delete(key)
      if (kindOf(key) === LocationKind.Storage) lastStorageWriter.set(accountCharsOf(key), { tx: j, evidence })
    }
    for (const [key, evidence] of tx.credits) {
      const credits = creditsSince.get(key)
      if (credits === undefined) creditsSince.set(key, [{ tx: j, evidence }])
      else credits.push({ tx: j, evidence })
    }
    for (const [account, evidence] of tx.coarseWrites) {
      lastCoarseWriter.set(account, { tx: j, evidence })
      lastStorageWriter.set(account, { tx: j, evidence })
    }
  })
}

export type DependencyReason = { location: LocationKey; credit?: true } | { coarse: string } | { declared: true }

function addEvidence(graph: DependencyGraph, from: number, to: number, read: Evidence, write: Evidence, reason: DependencyReason): void {
  if (from === to) return
  const confidence = 'coarse' in reason ? 'possible' : weakerConfidence(read.confidence, write.confidence)
  const source = String(from)
  const target = String(to)
  let edge = graph.hasDirectedEdge(source, target) ? graph.getDirectedEdgeAttributes(source, target) : undefined
  if (edge === undefined) {
    edge = { locations: [], coarse: [], declared: false, onlyCredits: true, sources: [], confidence }
    graph.addDirectedEdge(source, target, edge)
  }
  if (!('credit' in reason)) edge.onlyCredits = false
  if ('location' in reason) edge.locations.push(reason.location)
  else if ('coarse' in reason) {
    if (!edge.coarse.includes(reason.coarse)) edge.coarse.push(reason.coarse)
  } else edge.declared = true
  for (const name of [...read.sources, ...write.sources]) if (!edge.sources.includes(name)) edge.sources.push(name)
  edge.confidence = strongerConfidence(edge.confidence, confidence)
}
