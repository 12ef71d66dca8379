import { beforeAll, describe, expect, it } from 'vitest'

import { feeFilter, withoutFees } from '../../analyzer/feeLocations.js'
import type { TxPrediction } from '../../analyzer/prediction.js'
import type { BlockExecution } from '../../executor/blockExecution.js'
import { transactionsFromRpc } from '../../analyzer/transactionsFromRpc.js'
import { blockInputFrom } from '../../executor/blockInput.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { simulationSource } from '../../src/hints/simulationSource.js'
import { describeLocation } from '../../src/shared/locations.js'
import { smallBlock } from './support/mainnet.js'

describe('pre-simulation (each transaction alone against the pre-block state)', () => {
  const directory = smallBlock()
  const input = blockInputFrom(directory)
  const txs = transactionsFromRpc(directory.block.transactions, 'block.json')
  const coinbase = input.parsed.block.header.coinbase.bytes
  let simulated: TxPrediction[]
  let recorded: NonNullable<BlockExecution['accesses']>

  beforeAll(async () => {
    simulated = await simulationSource(input).predict({ txs, preState: directory.preState, coinbase })
    recorded = (await executeSequential(input, { recordAccesses: true })).accesses!
  })

  const sorted = (keys: Iterable<Parameters<typeof describeLocation>[0]>) => [...keys].map(describeLocation).sort()

  it('predicts exactly what the first transaction does, since it runs first in the block too', () => {
    const filter = feeFilter(coinbase, txs[0]!.from, txs[0]!.to)
    expect(sorted(withoutFees(simulated[0]!.reads, filter))).toEqual(sorted(withoutFees(recorded[0]!.reads, filter)))
    expect(sorted(withoutFees(simulated[0]!.writes, filter))).toEqual(sorted(withoutFees(recorded[0]!.writes, filter)))
  })

  it("makes a sender's second transaction valid by giving it the sender's nonce", () => {
    expect(txs[22]!.from).toEqual(txs[23]!.from)
    expect(simulated[23]!.writes.size).toBeGreaterThan(0)
    expect(sorted(simulated[23]!.writes)).toEqual(expect.arrayContaining(sorted(recorded[23]!.writes).filter((key) => key.startsWith('nonce'))))
  })

  it('reports the gas each transaction used', () => {
    expect(simulated.every((prediction) => prediction.gas !== undefined && prediction.gas >= 21_000n)).toBe(true)
  })
})
