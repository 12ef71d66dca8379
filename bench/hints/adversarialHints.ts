/**
 * Adversarial scheduling hints built from a block's real accesses (recorded
 * by the sequential reference), for the tests and the cost benchmark:
 *
 *   everything  every transaction after every other one (earlier and later, up to
 *               the engine's start-dependency capacity) and pre-marking every
 *               location the next 16 transactions touch
 *   cycle       the true dependencies both ways, self-loops, indices outside the block
 *   reversed    the true dependencies turned around, estimates on what each
 *               transaction reads instead of what it writes
 */
import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import type { TxAccess } from '../../executor/state/accessRecorder.js'
import type { LocationKey } from '../../src/shared/locations.js'

export type AdversarialKind = 'everything' | 'cycle' | 'reversed'

export function trueDependencies(accesses: readonly TxAccess[]): [number, number][] {
  const lastWriter = new Map<LocationKey, number>()
  const pairs: [number, number][] = []
  accesses.forEach((access, j) => {
    for (const key of access.reads) {
      const i = lastWriter.get(key)
      if (i !== undefined && i !== j) pairs.push([j, i])
    }
    for (const key of access.writes) lastWriter.set(key, j)
  })
  return pairs
}

export function adversarialHints(kind: AdversarialKind, accesses: readonly TxAccess[], trust: 'monitor' | 'always' = 'monitor'): SchedulingHints {
  const n = accesses.length
  switch (kind) {
    case 'everything': {
      const startAfter: [number, number][] = []
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) if (i !== j) startAfter.push([j, i])
      const estimates = accesses.map((_, tx) => {
        const window = accesses.slice(tx + 1, tx + 17).flatMap((a) => [...a.reads, ...a.writes])
        return [tx, [...new Set(window)]] as const
      })
      return { startAfter, estimates, trust }
    }
    case 'cycle': {
      const right = trueDependencies(accesses)
      return { startAfter: [...right, ...right.map(([j, i]) => [i, j] as [number, number]), [0, 0], [n - 1, n - 1], [-1, 0], [n, 0], [n + 5, n - 1], [1, -3]], trust }
    }
    case 'reversed':
      return {
        startAfter: trueDependencies(accesses).map(([j, i]) => [i, j] as [number, number]),
        estimates: accesses.map((access, tx) => [tx, [...access.reads]] as const),
        trust,
      }
  }
}
