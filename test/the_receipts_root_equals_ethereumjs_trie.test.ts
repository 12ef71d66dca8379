import { expect, it } from 'vitest'

import { loadMainnetBlocks } from '../bench/mainnetFixtures.js'
import { orderedTrieLeafHash, orderedTrieLeafPaths, orderedTrieRoot, orderedTrieRootOfLeafHashes } from '../executor/orderedTrieRoot.js'
import { receiptsRootOf, receiptsRootWithEthereumjsTrie } from '../executor/receipts.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

it('the one-pass ordered trie root equals ethereumjs\'s trie for 0 to 300 random values (keys cross the RLP byte boundaries)', async () => {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (const count of [0, 1, 2, 3, 15, 16, 17, 127, 128, 129, 255, 256, 257, 300]) {
    const values = Array.from({ length: count }, () => Uint8Array.from({ length: 1 + (random() % 90) }, () => random() % 256))
    const { MerklePatriciaTrie } = await import('@ethereumjs/mpt')
    const { RLP } = await import('@ethereumjs/rlp')
    const trie = new MerklePatriciaTrie()
    for (let i = 0; i < count; i++) await trie.put(RLP.encode(i), values[i]!)
    expect(hex(orderedTrieRoot(values)), `${count} values`).toBe(hex(trie.root()))
  }
})

it('the root from separately hashed leaves equals the one-pass root, for 1 to 10,000 values of 32 bytes or more', async () => {
  const { MerklePatriciaTrie } = await import('@ethereumjs/mpt')
  const { RLP } = await import('@ethereumjs/rlp')
  let seed = 11
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (const count of [1, 2, 3, 15, 16, 17, 127, 128, 129, 255, 256, 257, 300, 4097, 10_000]) {
    const values = Array.from({ length: count }, () => Uint8Array.from({ length: 32 + (random() % 300) }, () => random() % 256))
    const paths = orderedTrieLeafPaths(count)
    const hashes = values.map((value, i) => orderedTrieLeafHash(paths[i]!, value))
    const root = hex(orderedTrieRootOfLeafHashes(hashes))
    expect(root, `${count} values`).toBe(hex(orderedTrieRoot(values)))
    if (count <= 300) {
      const trie = new MerklePatriciaTrie()
      for (let i = 0; i < count; i++) await trie.put(RLP.encode(i), values[i]!)
      expect(root, `${count} values`).toBe(hex(trie.root()))
    }
  }
  expect(() => orderedTrieLeafHash(orderedTrieLeafPaths(2)[0]!, new Uint8Array(31))).toThrow(/under 32 bytes/)
})

it('a leaf hash is the keccak of RLP([path, value]) for every header size (values past 64 KiB, paths of 1 to 33 bytes)', async () => {
  const { RLP } = await import('@ethereumjs/rlp')
  const { keccak_256 } = await import('@noble/hashes/sha3.js')
  for (const valueLength of [32, 54, 55, 56, 57, 255, 256, 65_535, 65_536, 70_000]) {
    for (const path of [Uint8Array.of(0x20), Uint8Array.of(0x3a), Uint8Array.of(0x80), Uint8Array.of(0x20, 0x01), new Uint8Array(33).fill(0x35)]) {
      const value = Uint8Array.from({ length: valueLength }, (_, i) => (i * 31 + valueLength) % 256)
      expect(hex(orderedTrieLeafHash(path, value)), `path ${hex(path).slice(0, 8)}…, ${valueLength} bytes`).toBe(hex(keccak_256(RLP.encode([path, value]))))
    }
  }
})

it('receipts roots of the largest mainnet blocks equal ethereumjs\'s trie', async () => {
  const blocks = loadMainnetBlocks().filter(({ input }) => input.parsed.block.transactions.length > 900)
  expect(blocks.length).toBeGreaterThan(2)
  for (const { input } of blocks) {
    const execution = await executeSequential(input)
    const receipts = execution.outcomes.flatMap((outcome, i) =>
      outcome.kind === 'executed' ? [{ receipt: outcome.receipt, txType: input.parsed.block.transactions[i]!.type }] : [],
    )
    expect(hex(await receiptsRootOf(receipts))).toBe(hex(await receiptsRootWithEthereumjsTrie(receipts, input.parsed.block.common)))
  }
})
