/**
 * Index types shared by every part of the project. Branded so that a
 * transaction index, an incarnation and a worker id cannot be mixed up.
 */

/** Position of a transaction in its block, from 0. */
export type TxIndex = number & { readonly __brand: 'TxIndex' }
/** How many times a transaction has been (re-)started, from 0. */
export type Incarnation = number & { readonly __brand: 'Incarnation' }

/** One execution of one transaction: what a multi-version entry was written by. */
export interface TxVersion {
  readonly tx: TxIndex
  readonly incarnation: Incarnation
}

export function txIndex(value: number): TxIndex {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a transaction index: ${value}`)
  return value as TxIndex
}

export function incarnation(value: number): Incarnation {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`not an incarnation: ${value}`)
  return value as Incarnation
}
