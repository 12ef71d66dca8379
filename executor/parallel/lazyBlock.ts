/**
 * The block as a worker needs it: the header parsed once, each transaction
 * parsed the first time this worker touches it.
 *
 * ethereumjs spends ~50–90 µs constructing one transaction (a copy of the
 * Common and its parameter tables per transaction, twice over in
 * createBlockFromRPC). When every worker parsed the whole block before its
 * first execution, a block no worker had seen started ~100 ms late per 1,000
 * transactions, and each transaction was parsed once per worker; now each
 * worker parses only what it executes or recovers, once.
 *
 * Constructing a transaction copies the Common it is given and merges the
 * transaction parameters into the copy (twice for legacy transactions):
 * ~30 µs of JSON copying, more than a plain transfer's whole execution. All
 * transactions of a block share one hardfork and one parameter set, so they
 * are given one Common with the parameters already merged, whose copy() is
 * itself (see `sharedTransactionCommon`).
 *
 * `block.transactions` keeps the block's length (ethereumjs's error messages
 * count the transactions) and fills in as transactions are parsed; use
 * `tx(index)` to read one.
 */
import type { Block } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import { type TypedTransaction, createTx, normalizeTxParams, paramsTx } from '@ethereumjs/tx'

import type { RpcBlock } from '../../src/blockDirectory/loadBlockDirectory.js'
import { parseBlock } from '../../src/blockDirectory/parseBlock.js'
import { inputError } from '../../src/shared/errors.js'

export class LazyBlock {
  readonly block: Block
  private readonly transactions: TypedTransaction[]
  private readonly transactionCommon: Common

  constructor(private readonly json: RpcBlock) {
    this.block = parseBlock(json, 'block.json', { transactions: 'skip' }).block
    this.transactionCommon = sharedTransactionCommon(this.block.common)
    this.transactions = new Array(json.transactions.length)
    ;(this.block as { transactions: TypedTransaction[] }).transactions = this.transactions
  }

  tx(index: number): TypedTransaction {
    let tx = this.transactions[index]
    if (tx === undefined) {
      try {
        tx = createTx(normalizeTxParams(this.json.transactions[index] as never), { common: this.transactionCommon, freeze: true })
      } catch (error) {
        throw inputError(`block.json: transactions[${index}]: ${(error as Error).message}`, error)
      }
      this.transactions[index] = tx
    }
    return tx
  }
}

/**
 * A copy of the block's Common with the transaction parameters merged, that
 * every transaction of the block can hold: its copy() returns itself and
 * merging the same transaction parameters again changes nothing. Nothing
 * mutates a transaction's Common afterwards: runTx only resets its hardfork
 * when it differs from the block's, and this one is the block's.
 */
function sharedTransactionCommon(blockCommon: Common): Common {
  const shared = blockCommon.copy()
  shared.updateParams(paramsTx)
  const mergeParams = shared.updateParams.bind(shared)
  shared.copy = () => shared
  shared.updateParams = (params) => {
    if (params !== paramsTx) mergeParams(params)
  }
  return shared
}
