import { publicToAddress } from '@ethereumjs/util'
import { expect, it } from 'vitest'

import { loadMainnetBlocks } from '../bench/mainnetFixtures.js'
import { installSenderAddressCache } from '../executor/evm/senderAddressCache.js'
import { recoverSender } from '../executor/senders.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

it('the cached sender address equals ethereumjs\'s derivation for every transaction type, and follows a re-recovered key', () => {
  installSenderAddressCache()
  // Legacy (pre-EIP-155 and EIP-155), access-list, fee-market and blob transactions.
  const blocks = loadMainnetBlocks().filter(({ input }) => [46147, 4370000, 15274915, 19932703].includes(Number(input.parsed.block.header.number)))
  const types = new Set<number>()
  expect(blocks.length).toBe(4)
  for (const { input, rpcBlock } of blocks.map(({ input }) => ({ input, rpcBlock: input.rpcBlock! }))) {
    input.parsed.block.transactions.forEach((tx, i) => {
      types.add(tx.type)
      const recovered = recoverSender(tx, 'recover')
      expect(recovered.kind).toBe('valid')
      const expected = hex(publicToAddress(tx.getSenderPublicKey()))
      expect(hex(tx.getSenderAddress().bytes)).toBe(expected)
      expect(hex(tx.getSenderAddress().bytes)).toBe(String(rpcBlock.transactions[i]!.from).slice(2).toLowerCase())
      // A forgotten key is recovered again (a new array): the address is derived from it, not served stale.
      tx.cache.senderPubKey = undefined
      expect(hex(tx.getSenderAddress().bytes)).toBe(expected)
      expect(tx.getSenderAddress()).not.toBe(tx.getSenderAddress()) // a fresh Address per call, as ethereumjs
    })
  }
  expect(types).toEqual(new Set([0, 1, 2, 3]))
})
