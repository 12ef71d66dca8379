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

/**
 * A read this execution already made is stale: a lower transaction has
 * published a different value there since. Nothing of this execution has
 * been recorded, so it stops and the same incarnation runs again at once
 * (see VersionedState.checkReadsStillCurrent).
 */
export class StaleRead extends Error {
  constructor() {
    super('a read of this execution was overwritten by a lower transaction')
    this.name = 'StaleRead'
  }
}

/** Something the parallel engine does not model: the block is executed sequentially instead. */
export class SequentialFallback extends Error {
  constructor(readonly reason: string) {
    super(`sequential fallback: ${reason}`)
    this.name = 'SequentialFallback'
  }
}
