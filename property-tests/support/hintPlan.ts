/**
 * Hints fed to the engine's hooks, from right to adversarial. A plan is
 * generated before the block runs; `realizeHints` turns it into concrete
 * start dependencies and ESTIMATE locations once the sequential reference
 * has recorded each transaction's real reads and writes:
 *
 *   none         no hints
 *   right        the true read-after-write dependencies and the true writes
 *   partial      a random subset of the right ones
 *   wrong        random pairs (forward, self, out of range) and estimates
 *                on random locations (real ones of the block, and others)
 *   chain        every transaction waits for every earlier one
 *   reversed     the right dependencies turned around (i after j)
 *   flood        every transaction estimates every location the block writes
 *   cycle        the right dependencies in both directions (i after j and j after i)
 *   everything   every transaction waits for every other (earlier and later) and
 *                estimates every location the block touches; with the trust
 *                monitor (hints dropped once they fail) or trusted throughout
 *   given        concrete hints (replaying a counterexample; never generated)
 */
import fc from 'fast-check'

import type { SchedulingHints } from '../../executor/parallel/executeParallel.js'
import type { TxAccess } from '../../executor/state/accessRecorder.js'
import { type LocationKey, balanceKey, codeKey, describeLocation, nonceKey, parseLocation, storageKey } from '../../src/shared/locations.js'
import { weighted } from './weighted.js'

export type HintPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'right' }
  | { readonly kind: 'partial'; readonly keep: readonly boolean[] }
  | { readonly kind: 'wrong'; readonly pairs: readonly (readonly [number, number])[]; readonly estimates: readonly (readonly [number, number])[] }
  | { readonly kind: 'chain' }
  | { readonly kind: 'reversed' }
  | { readonly kind: 'flood' }
  | { readonly kind: 'cycle' }
  | { readonly kind: 'everything'; readonly trust: 'monitor' | 'always' }
  | { readonly kind: 'given'; readonly hints: SchedulingHints | undefined }

export const hintPlan: fc.Arbitrary<HintPlan> = weighted(
  { weight: 3, arbitrary: fc.constant<HintPlan>({ kind: 'none' }) },
  { weight: 4, arbitrary: fc.constant<HintPlan>({ kind: 'right' }) },
  { weight: 2, arbitrary: fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }).map((keep): HintPlan => ({ kind: 'partial', keep })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        pairs: fc.array(fc.tuple(fc.integer({ min: -2, max: 14 }), fc.integer({ min: -2, max: 14 })), { maxLength: 16 }),
        estimates: fc.array(fc.tuple(fc.integer({ min: -1, max: 13 }), fc.nat()), { maxLength: 16 }),
      })
      .map((fields): HintPlan => ({ kind: 'wrong', ...fields })),
  },
  { weight: 2, arbitrary: fc.constant<HintPlan>({ kind: 'chain' }) },
  { weight: 2, arbitrary: fc.constant<HintPlan>({ kind: 'reversed' }) },
  { weight: 1, arbitrary: fc.constant<HintPlan>({ kind: 'flood' }) },
)

/** Only the adversarial plans that make trust matter (adversarial_hints_cost_time_never_a_result.test.ts). */
export const adversarialHintPlan: fc.Arbitrary<HintPlan> = fc.oneof(
  fc.constant<HintPlan>({ kind: 'cycle' }),
  fc.constantFrom<'monitor' | 'always'>('monitor', 'always').map((trust): HintPlan => ({ kind: 'everything', trust })),
  fc.constant<HintPlan>({ kind: 'flood' }),
  fc.constant<HintPlan>({ kind: 'reversed' }),
)

export function needsAccesses(plan: HintPlan): boolean {
  return plan.kind !== 'none' && plan.kind !== 'chain' && plan.kind !== 'given'
}

/** Locations no generated block has any reason to touch, mixed into wrong estimates. */
const STRANGERS: readonly LocationKey[] = [
  balanceKey(new Uint8Array(20).fill(0xab)),
  nonceKey(new Uint8Array(20).fill(0xab)),
  codeKey(new Uint8Array(20).fill(0xab)),
  storageKey(new Uint8Array(20).fill(0xab), new Uint8Array([7])),
]

export function realizeHints(plan: HintPlan, txCount: number, accesses: readonly TxAccess[] | undefined): SchedulingHints | undefined {
  const truth = () => {
    if (accesses === undefined) throw new Error(`${plan.kind} hints need the reference's recorded accesses`)
    return rightHints(accesses)
  }
  switch (plan.kind) {
    case 'none':
      return undefined
    case 'right':
      return truth()
    case 'partial': {
      const right = truth()
      // The mask runs (repeating) over the dependencies, then on over the estimates.
      const keep = (index: number) => plan.keep[index % plan.keep.length] === true
      const { startAfter, estimates } = right
      return { startAfter: startAfter.filter((_, i) => keep(i)), estimates: estimates.filter((_, i) => keep(startAfter.length + i)) }
    }
    case 'wrong': {
      const pool = [...new Set([...(accesses ?? []).flatMap((access) => [...access.reads, ...access.writes]), ...STRANGERS])]
      const estimates = new Map<number, LocationKey[]>()
      for (const [tx, choice] of plan.estimates) {
        const list = estimates.get(tx) ?? []
        list.push(pool[choice % pool.length]!)
        estimates.set(tx, list)
      }
      return { startAfter: plan.pairs, estimates: [...estimates] }
    }
    case 'chain': {
      const startAfter: [number, number][] = []
      for (let j = 1; j < txCount; j++) for (let i = 0; i < j; i++) startAfter.push([j, i])
      return { startAfter }
    }
    case 'reversed':
      return { startAfter: truth().startAfter.map(([j, i]) => [i, j] as const) }
    case 'given':
      return plan.hints
    case 'flood': {
      const written = [...new Set((accesses ?? []).flatMap((access) => [...access.writes]))]
      return { estimates: Array.from({ length: txCount }, (_, tx) => [tx, written] as const) }
    }
    case 'cycle': {
      const right = truth().startAfter
      return { startAfter: [...right, ...right.map(([j, i]) => [i, j] as const)] }
    }
    case 'everything': {
      const touched = [...new Set((accesses ?? []).flatMap((access) => [...access.reads, ...access.writes]))]
      const startAfter: [number, number][] = []
      for (let j = 0; j < txCount; j++) for (let i = 0; i < txCount; i++) if (i !== j) startAfter.push([j, i])
      return { startAfter, estimates: Array.from({ length: txCount }, (_, tx) => [tx, touched] as const), trust: plan.trust }
    }
  }
}

/** The true dependencies (j read a location that i < j wrote, i the last such writer) and every transaction's true writes. */
export function rightHints(accesses: readonly TxAccess[]): { startAfter: (readonly [number, number])[]; estimates: (readonly [number, readonly LocationKey[]])[] } {
  const lastWriter = new Map<LocationKey, number>()
  const startAfter: (readonly [number, number])[] = []
  accesses.forEach((access, j) => {
    const after = new Set<number>()
    for (const key of access.reads) {
      const i = lastWriter.get(key)
      if (i !== undefined) after.add(i)
    }
    for (const i of [...after].sort((a, b) => a - b)) startAfter.push([j, i])
    for (const key of access.writes) lastWriter.set(key, j)
  })
  const estimates = accesses.map((access, tx) => [tx, [...access.writes]] as const).filter(([, writes]) => writes.length > 0)
  return { startAfter, estimates }
}

export interface DescribedHints {
  readonly startAfter?: readonly (readonly [number, number])[]
  readonly estimates?: readonly (readonly [number, readonly string[]])[]
}

/** Hints in printable form (locations as `describeLocation` writes them), for counterexample files. */
export function describeHints(hints: SchedulingHints | undefined): DescribedHints | undefined {
  if (hints === undefined) return undefined
  return { startAfter: hints.startAfter, estimates: hints.estimates?.map(([tx, keys]) => [tx, keys.map(describeLocation)] as const) }
}

export function parseHints(described: DescribedHints | undefined): SchedulingHints | undefined {
  if (described === undefined) return undefined
  return { startAfter: described.startAfter, estimates: described.estimates?.map(([tx, keys]) => [tx, keys.map(parseLocation)] as const) }
}
