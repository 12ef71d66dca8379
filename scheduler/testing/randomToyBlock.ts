/**
 * Random toy blocks from a seed, for the stress test and for exploring the
 * simulator by hand (the property tests build theirs with fast-check).
 */
import type { LocationKey } from '../../src/shared/locations.js'
import { Prng } from '../simulator/prng.js'
import { toyLocation, type ToyBlock, type ToyTransaction } from '../simulator/toyBlock.js'

export interface RandomBlockShape {
  readonly minTxs: number
  readonly maxTxs: number
  /** Locations in play: few means many conflicts. */
  readonly minLocations: number
  readonly maxLocations: number
  readonly minCost: number
  readonly maxCost: number
}

export const STRESS_SHAPE: RandomBlockShape = { minTxs: 10, maxTxs: 120, minLocations: 2, maxLocations: 24, minCost: 10, maxCost: 80 }

export function randomToyBlock(seed: number, shape: RandomBlockShape = STRESS_SHAPE): ToyBlock {
  const prng = new Prng(seed)
  const locations = Array.from({ length: prng.between(shape.minLocations, shape.maxLocations) }, (_, i) => toyLocation(i))
  const pick = (max: number): LocationKey[] => {
    const count = prng.between(0, max)
    return Array.from({ length: count }, () => locations[prng.below(locations.length)]!)
  }
  const withDeltas = prng.next() < 0.6
  const transactions: ToyTransaction[] = Array.from({ length: prng.between(shape.minTxs, shape.maxTxs) }, () => ({
    reads: pick(4),
    writes: [...new Set(pick(3))],
    maybeWrites: [...new Set(pick(2))],
    deltas: withDeltas ? [...new Set(pick(2))] : [],
    cost: prng.between(shape.minCost, shape.maxCost),
  }))
  return { transactions }
}
