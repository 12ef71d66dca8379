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
 * `block.transactions` keeps the block's length (ethereumjs's error messages
 * count the transactions) and fills in as transactions are parsed; use
 * `tx(index)` to read one.
 */
import type { Block } from '@ethereumjs/block'
import { type TypedTransaction, createTx, normalizeTxParams } from '@ethereumjs/tx'

import type { RpcBlock } from '../../src/blockDirectory/loadBlockDirectory.js'
import { parseBlock } from '../../src/blockDirectory/parseBlock.js'
import { inputError } from '../../src/shared/errors.js'

export class LazyBlock {
  readonly block: Block
  private readonly transactions: TypedTransaction[]

  constructor(private readonly json: RpcBlock) {
    this.block = parseBlock(json, 'block.json', { transactions: 'skip' }).block
    this.transactions = new Array(json.transactions.length)
    ;(this.block as { transactions: TypedTransaction[] }).transactions = this.transactions
  }

  tx(index: number): TypedTransaction {
    let tx = this.transactions[index]
    if (tx === undefined) {
      try {
        tx = createTx(normalizeTxParams(this.json.transactions[index] as never), { common: this.block.common, freeze: true })
      } catch (error) {
        throw inputError(`block.json: transactions[${index}]: ${(error as Error).message}`, error)
      }
      this.transactions[index] = tx
    }
    return tx
  }
}
