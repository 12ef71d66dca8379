/**
 * Non-EVM errors thrown from a worker's state view to leave runTx at any
 * call depth (ethereumjs lets errors that are not EVMErrors propagate).
 */

/** A read met an ESTIMATE of transaction `on`: this incarnation stops and waits for it. */
export class BlockedRead extends Error {
  constructor(readonly on: number) {
    super(`read blocked on transaction ${on}`)
    this.name = 'BlockedRead'
  }
}

/** Something the parallel engine does not model: the block is executed sequentially instead. */
export class SequentialFallback extends Error {
  constructor(readonly reason: string) {
    super(`sequential fallback: ${reason}`)
    this.name = 'SequentialFallback'
  }
}
