/**
 * Weighted choice that shrinks across its alternatives: a failing value
 * shrinks within its own alternative and also towards the first one, so list
 * the simplest alternative first (a valid nonce, ample gas, zero wei...).
 */
import fc from 'fast-check'

export function weighted<T>(...choices: fc.WeightedArbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, ...choices)
}
