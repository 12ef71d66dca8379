import { afterAll, expect, it } from 'vitest'

import { loadMainnetBlocks } from '../bench/mainnetFixtures.js'
import { loadBlockInput } from '../executor/blockInput.js'
import { executeParallel } from '../executor/parallel/executeParallel.js'
import { BlockGasSpent, mergeReceiptLeaves } from '../executor/parallel/receiptLeaves.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { account, key, transfer, writeCancunBlock } from './helpers/cancunBlock.js'

afterAll(closeWorkerPool)

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const ETH = 10n ** 18n

// Pre-Byzantium, Byzantium, Berlin, London and Cancun receipts; thousands of logs; re-executions at 2 workers.
const BLOCKS = [1150000, 4370000, 12244000, 15537394, 17666333, 19932703]

it('on valid blocks the workers hash the receipts-trie leaves and the blooms, and the root and bloom equal the reference\'s', async () => {
  const blocks = loadMainnetBlocks().filter(({ input }) => BLOCKS.includes(Number(input.parsed.block.header.number)))
  expect(blocks.length).toBe(BLOCKS.length)
  for (const { input } of blocks) {
    const reference = await executeSequential(input)
    for (const workers of [2, 3]) {
      const parallel = await executeParallel(input, { workers })
      const label = `block ${input.parsed.block.header.number}, ${workers} workers`
      expect(parallel.stats.receiptsHashedBy, label).toBe('workers')
      expect(hex(parallel.receiptsRoot), label).toBe(hex(reference.receiptsRoot))
      expect(hex(parallel.logsBloom), label).toBe(hex(reference.logsBloom))
    }
  }
})

it('with an invalid transaction (receipts shift down) the main thread hashes them, and the root still equals the reference\'s', async () => {
  const alice = key(1)
  const bob = key(2)
  const txs = [
    transfer(alice.privateKey, { nonce: 0, to: bob.address }),
    transfer(alice.privateKey, { nonce: 5, to: bob.address }), // nonce too high: no receipt
    transfer(bob.privateKey, { nonce: 0, to: alice.address }),
    transfer(alice.privateKey, { nonce: 1, to: bob.address }),
  ]
  const input = loadBlockInput(writeCancunBlock(txs, { [alice.address]: account(ETH), [bob.address]: account(ETH) }))
  const reference = await executeSequential(input)
  expect(reference.outcomes.map((outcome) => outcome.kind)).toEqual(['executed', 'invalid', 'executed', 'executed'])
  for (const workers of [1, 2]) {
    const parallel = await executeParallel(input, { workers })
    expect(parallel.stats.receiptsHashedBy).toBe('main thread')
    expect(hex(parallel.receiptsRoot)).toBe(hex(reference.receiptsRoot))
    expect(hex(parallel.logsBloom)).toBe(hex(reference.logsBloom))
  }
})

it('cumulative gas is exact past 2^53 (state-test blocks), and absent when a transaction did not execute or the limit is crossed', () => {
  const spent = BlockGasSpent.create(3)
  expect(spent.cumulative(10n ** 30n)).toBeUndefined() // nothing executed yet
  spent.executed(0, 2n ** 60n + 1n)
  spent.executed(1, 1n)
  spent.executed(2, 21_000n)
  expect(spent.cumulative(2n ** 62n)).toEqual([2n ** 60n + 1n, 2n ** 60n + 2n, 2n ** 60n + 21_002n])
  expect(spent.cumulative(2n ** 60n + 21_001n)).toBeUndefined()
  BlockGasSpent.attach(spent.buffer).invalid(1) // another thread's view of the same memory
  expect(spent.cumulative(2n ** 62n)).toBeUndefined()
})

it('the workers\' leaves are used only when they cover every transaction and summed the block\'s gas as the merged outputs did', () => {
  const leaves = (txs: number[], gasUsed: bigint) => ({
    txs: Int32Array.from(txs),
    hashes: new Uint8Array(32 * txs.length).fill(txs[0] ?? 0),
    bloom: Uint8Array.from({ length: 256 }, (_, i) => (i === txs[0] ? 1 : 0)),
    gasUsed,
  })
  const merged = mergeReceiptLeaves(3, 63_000n, [leaves([0, 2], 63_000n), leaves([1], 63_000n)])
  expect(merged?.hashes.map((hash) => hash[0])).toEqual([0, 1, 0])
  expect(merged?.bloom[0]).toBe(1)
  expect(merged?.bloom[1]).toBe(1)
  expect(mergeReceiptLeaves(3, 63_000n, [leaves([0, 2], 63_000n)])).toBeUndefined() // transaction 1 missing
  expect(mergeReceiptLeaves(3, 63_000n, [leaves([0, 2], 63_000n), leaves([1], 42_000n)])).toBeUndefined() // a stale gas figure
  expect(mergeReceiptLeaves(3, 63_000n, [leaves([0, 1, 2], 63_000n), undefined])).toBeUndefined() // a worker without leaves
})
