import { encodeReceipt } from '@ethereumjs/vm'
import { expect, it } from 'vitest'

import { loadMainnetBlocks } from '../bench/mainnetFixtures.js'
import { assembleReceipt, receiptFields, receiptOfParts, receiptParts } from '../executor/receiptParts.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

// Pre-Byzantium (state root), Byzantium (status), Berlin (access-list type 1), London and Cancun (types 2 and 3),
// with reverted transactions and receipts of several kilobytes of logs among them.
const BLOCKS = [46147, 1150000, 4370000, 12244000, 17666333, 19932703]

it('a receipt assembled from its worker-side parts and the cumulative gas is byte for byte ethereumjs\'s encodeReceipt, and rebuilds the receipt object', async () => {
  const blocks = loadMainnetBlocks().filter(({ input }) => BLOCKS.includes(Number(input.parsed.block.header.number)))
  expect(blocks.length).toBe(BLOCKS.length)
  const seen = { types: new Set<number>(), reverted: 0, stateRoots: 0, large: 0, receipts: 0, logs: 0 }
  for (const { input } of blocks) {
    const execution = await executeSequential(input)
    for (const outcome of execution.outcomes) {
      if (outcome.kind !== 'executed') continue
      const txType = input.parsed.block.transactions[outcome.index]!.type
      const receipt = outcome.receipt
      // Workers see their own gas in cumulativeBlockGasUsed: the parts must not depend on it.
      const parts = receiptParts({ ...receipt, cumulativeBlockGasUsed: 1n })
      const expected = encodeReceipt(receipt, txType as never)
      expect(hex(assembleReceipt(parts, receipt.cumulativeBlockGasUsed, txType))).toBe(hex(expected))
      // What a worker sends (fields without logs and bloom, and the parts) rebuilds the receipt, fields in ethereumjs's order.
      const rebuilt = receiptOfParts(structuredClone(receiptFields({ ...receipt, cumulativeBlockGasUsed: 1n })), structuredClone(parts), receipt.cumulativeBlockGasUsed)
      expect(Object.keys(rebuilt)).toEqual(Object.keys(receipt))
      expect(rebuilt).toStrictEqual(receipt)
      expect(hex(encodeReceipt(rebuilt, txType as never))).toBe(hex(expected))
      seen.types.add(txType)
      seen.logs += receipt.logs.length
      seen.receipts++
      if (outcome.status === 'reverted') seen.reverted++
      if ('stateRoot' in receipt && receipt.stateRoot !== undefined) seen.stateRoots++
      if (expected.length > 1024) seen.large++
    }
  }
  expect(seen.types.size).toBeGreaterThanOrEqual(3) // legacy, access list, fee market (and blob if present)
  expect(seen.reverted).toBeGreaterThan(0)
  expect(seen.stateRoots).toBeGreaterThan(0)
  expect(seen.large).toBeGreaterThan(0)
  expect(seen.logs).toBeGreaterThan(1000)
})
