/**
 * `simulate`: pre-simulation, as a builder simulates its mempool — each
 * transaction executed alone against the pre-block state (the sender made
 * ready, see `senderReadyPreState`), with the sequential reference executor
 * recording what it reads and writes. The block's own header is used, so
 * system calls at block start (beacon root) happen as in the block.
 * Predictions are what each transaction would touch if it ran first: they
 * miss only what earlier transactions change (new balances, counters,
 * proxies upgraded in the block). A transaction whose lone execution needs
 * data the input lacks (a block hash) predicts nothing. Costs one execution
 * per transaction; its time is reported apart from the static sources'.
 */
import { Block } from '@ethereumjs/block'

import type { BlockExecution } from '../../executor/blockExecution.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import type { HintSource, TxPrediction } from '../../analyzer/prediction.js'
import { emptyPrediction } from '../../analyzer/prediction.js'
import type { ParsedBlock } from '../blockDirectory/parseBlock.js'
import { inputError, isPevmError } from '../shared/errors.js'
import type { PreState } from '../shared/preState.js'
import { senderReadyPreState } from './senderReadyPreState.js'

export interface SimulationInput {
  readonly parsed: ParsedBlock
  readonly preState: PreState
  readonly blockHashes: ReadonlyMap<bigint, Uint8Array>
}

export function simulationSource(input: SimulationInput): HintSource {
  return {
    name: 'simulate',
    async predict(ctx) {
      const { block } = input.parsed
      if (block.transactions.length !== ctx.txs.length) {
        throw inputError(`simulate: the block has ${block.transactions.length} transactions, the analysis ${ctx.txs.length}`)
      }
      const predictions: TxPrediction[] = []
      for (let index = 0; index < block.transactions.length; index++) {
        predictions.push(await simulateOne(input, block, index, ctx.txs[index]!.from))
      }
      return predictions
    },
  }
}

async function simulateOne(input: SimulationInput, block: Block, index: number, sender: Uint8Array): Promise<TxPrediction> {
  const tx = block.transactions[index]!
  const common = block.common
  const withdrawals = common.isActivatedEIP(4895) ? [] : undefined
  const alone = new Block(block.header, [tx], [], withdrawals, { common })
  let execution: BlockExecution
  try {
    execution = await executeSequential(
      {
        parsed: { block: alone, uncleCount: 0, uncles: [] },
        preState: senderReadyPreState(input.preState, tx, sender),
        blockHashes: input.blockHashes,
      },
      { recordAccesses: true },
    )
  } catch (error) {
    // Run out of order, a transaction may take a path that needs data the input lacks
    // (a BLOCKHASH the block never asked for): it then predicts nothing.
    if (isPevmError(error) && error.name === 'InputError') return emptyPrediction('likely')
    throw error
  }
  const outcome = execution.outcomes[0]!
  const access = execution.accesses![0]!
  if (outcome.kind !== 'executed') return emptyPrediction('likely')
  return { reads: access.reads, writes: access.writes, coarse: [], confidence: 'likely', gas: outcome.gasUsed }
}
