/**
 * fast-check generators of toy blocks, simulator settings and hints, shared
 * by the scheduler property tests. Blocks are small (up to 40 transactions)
 * over few locations (up to 8), so conflicts are the rule.
 */
import fc from 'fast-check'
import type { LocationKey } from '../../../src/shared/locations.js'
import type { SimulationHints } from '../../../scheduler/simulator/simulator.js'
import { toyLocation, type ToyBlock, type ToyTransaction } from '../../../scheduler/simulator/toyBlock.js'

const locations = Array.from({ length: 8 }, (_, i) => toyLocation(i))

function locationSet(count: number, max: number): fc.Arbitrary<LocationKey[]> {
  return fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { maxLength: max }).map((ids) => ids.map((id) => locations[id]!))
}

export function toyTransaction(locationCount: number, withDeltas: boolean): fc.Arbitrary<ToyTransaction> {
  return fc.record({
    // Reads may repeat a location (a real transaction may read twice).
    reads: fc.array(fc.integer({ min: 0, max: locationCount - 1 }), { maxLength: 4 }).map((ids) => ids.map((id) => locations[id]!)),
    writes: locationSet(locationCount, 3),
    maybeWrites: locationSet(locationCount, 2),
    deltas: withDeltas ? locationSet(locationCount, 2) : fc.constant([]),
    cost: fc.integer({ min: 1, max: 100 }),
  })
}

export const toyBlock: fc.Arbitrary<ToyBlock> = fc
  .record({ locationCount: fc.integer({ min: 1, max: 8 }), withDeltas: fc.boolean(), txCount: fc.integer({ min: 1, max: 40 }), validationCost: fc.integer({ min: 0, max: 20 }) })
  .chain(({ locationCount, withDeltas, txCount, validationCost }) =>
    fc.array(toyTransaction(locationCount, withDeltas), { minLength: txCount, maxLength: txCount }).map((transactions) => ({ transactions, validationCost })),
  )

export const simulation = fc.record({
  workers: fc.integer({ min: 1, max: 32 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  jitter: fc.constantFrom(0, 0.1, 0.5, 1),
})

/** Hints for a block: anything at all, including pairs the scheduler must reject and estimates for writes that never happen. */
export function wrongHints(block: ToyBlock): fc.Arbitrary<SimulationHints> {
  const n = block.transactions.length
  const index = fc.integer({ min: -1, max: n })
  return fc.record({
    startDependencies: fc.array(fc.record({ tx: index, after: index }), { maxLength: 2 * n }),
    estimates: fc.array(fc.record({ tx: fc.integer({ min: 0, max: n - 1 }), location: fc.constantFrom(...locations) }), { maxLength: 2 * n }),
  })
}

/** Adversarial start dependencies: every transaction waits for every earlier one (a full chain of waits). */
export function chainHints(block: ToyBlock): SimulationHints {
  const startDependencies: { tx: number; after: number }[] = []
  for (let tx = 1; tx < block.transactions.length; tx++) for (let after = 0; after < tx; after++) startDependencies.push({ tx, after })
  return { startDependencies }
}

/** The right hints: the true read-after-write dependencies and the true (always-)written locations. */
export function rightHints(block: ToyBlock): SimulationHints {
  const lastWriter = new Map<LocationKey, number>()
  const startDependencies: { tx: number; after: number }[] = []
  const estimates: { tx: number; location: LocationKey }[] = []
  block.transactions.forEach((spec, tx) => {
    for (const key of spec.reads) {
      const writer = lastWriter.get(key)
      if (writer !== undefined && !startDependencies.some((d) => d.tx === tx && d.after === writer)) startDependencies.push({ tx, after: writer })
    }
    for (const key of [...spec.writes, ...(spec.deltas ?? [])]) {
      lastWriter.set(key, tx)
      estimates.push({ tx, location: key })
    }
  })
  return { startDependencies, estimates }
}
