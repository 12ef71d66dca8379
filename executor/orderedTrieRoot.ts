/**
 * The root of a Merkle-Patricia trie whose keys are RLP(0), RLP(1), …, RLP(n-1)
 * — the receipts trie (and the transactions trie) of a block — built in one
 * pass from the sorted keys and hashed bottom-up with native keccak.
 *
 * ethereumjs's general MerklePatriciaTrie does the same with one async
 * insertion per receipt, re-hashing the path each time: ~150 µs per receipt
 * here, which made the root of a 2,000-transaction block cost as much as
 * executing it. The result is checked against that trie in the tests.
 *
 * Node encodings (Yellow Paper, appendix D): leaf [hexPrefix(path, leaf), value],
 * extension [hexPrefix(path), child], branch [child0 … child15, value]. A child
 * whose RLP is shorter than 32 bytes is embedded as is; otherwise by its hash.
 * The root is always hashed.
 */
import { RLP } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'

import { nativeKeccak256 } from '../src/chain/crypto/nativeCrypto.js'
import { RLP_LIST, RLP_STRING, rlpHeaderLength, writeRlpHeader } from '../src/shared/rlpHeaders.js'

type Encodable = Uint8Array | Encodable[]

const keccak256 = nativeKeccak256() ?? keccak_256
const EMPTY = new Uint8Array(0)

interface Item {
  readonly index: number
  readonly nibbles: Uint8Array
}

/** A leaf's reference in its parent: its hash, or the leaf itself when its encoding is under 32 bytes. */
type LeafReference = (item: Item, depth: number) => Encodable

export function orderedTrieRoot(values: readonly Uint8Array[]): Uint8Array {
  if (values.length === 0) return keccak256(RLP.encode(EMPTY))
  const items = sortedItems(values.length)
  const leafNode = (item: Item, depth: number): Encodable => [hexPrefix(item.nibbles.subarray(depth), true), values[item.index]!]
  if (items.length === 1) return keccak256(RLP.encode(leafNode(items[0]!, 0)))
  return keccak256(RLP.encode(build(items, 0, (item, depth) => reference(leafNode(item, depth)))))
}

/**
 * The same root from each leaf's hash, `orderedTrieLeafHash(orderedTrieLeafPaths(n)[i], values[i])`,
 * so that the leaves (most of the hashing) can be hashed anywhere, in any
 * order: the parallel engine's workers hash the receipts they hold. Every
 * value must be at least 32 bytes long (a shorter leaf may be embedded in its
 * parent instead of hashed); a receipt always is (its bloom alone is 256).
 */
export function orderedTrieRootOfLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return keccak256(RLP.encode(EMPTY))
  if (leafHashes.length === 1) return leafHashes[0]!
  return keccak256(RLP.encode(build(sortedItems(leafHashes.length), 0, (item) => leafHashes[item.index]!)))
}

/** The hash of the leaf holding `value` (at least 32 bytes long) at `path` (its entry in orderedTrieLeafPaths). */
export function orderedTrieLeafHash(path: Uint8Array, value: Uint8Array): Uint8Array {
  if (value.length < 32) throw new Error('orderedTrieLeafHash: a value under 32 bytes may be embedded, not hashed')
  return keccak256(encodeLeaf(path, value))
}

/**
 * RLP([path, value]) written into one buffer: `RLP.encode` encodes each item
 * into its own array and then concatenates them, copying the value twice
 * (a worker hashes every receipt it holds this way; the receipt is the value).
 */
function encodeLeaf(path: Uint8Array, value: Uint8Array): Uint8Array {
  // A single byte below 0x80 is its own encoding (a hex-prefixed path of one byte always is).
  const pathHeader = path.length === 1 && path[0]! < 0x80 ? 0 : rlpHeaderLength(path.length)
  const payload = pathHeader + path.length + rlpHeaderLength(value.length) + value.length
  const out = new Uint8Array(rlpHeaderLength(payload) + payload)
  let at = writeRlpHeader(out, 0, RLP_LIST, payload)
  if (pathHeader > 0) at = writeRlpHeader(out, at, RLP_STRING, path.length)
  out.set(path, at)
  at = writeRlpHeader(out, at + path.length, RLP_STRING, value.length)
  out.set(value, at)
  return out
}

/**
 * For each key RLP(i) of a trie of `count` keys, the hex-prefixed path its
 * leaf holds (the rest of the key after the deepest branch on its way). The
 * keys are prefix-free (no RLP(i) begins another), so a leaf hangs one nibble
 * below the longest prefix it shares with another key, which for sorted keys
 * is one of its two neighbours.
 */
export function orderedTrieLeafPaths(count: number): readonly Uint8Array[] {
  const items = sortedItems(count)
  const paths: Uint8Array[] = new Array(count)
  const shared = items.map((item, i) => (i === 0 ? 0 : commonPrefixLength(items[i - 1]!.nibbles, item.nibbles)))
  for (let i = 0; i < count; i++) {
    const item = items[i]!
    const depth = count === 1 ? 0 : 1 + Math.max(shared[i]!, i + 1 < count ? shared[i + 1]! : 0)
    paths[item.index] = hexPrefix(item.nibbles.subarray(depth), true)
  }
  return paths
}

/**
 * The keys RLP(0) … RLP(count - 1) as nibbles, in trie (byte) order, without
 * sorting: 1 … 127 encode as themselves (0x01-0x7f), 0 as 0x80, and from 128 on
 * as a length prefix (0x81, 0x82, …) then the big-endian bytes, so shorter
 * keys come first and keys of one length in numeric order.
 */
function sortedItems(count: number): Item[] {
  const items: Item[] = []
  if (count === 0) return items
  for (let index = 1; index < Math.min(count, 128); index++) items.push({ index, nibbles: keyNibbles(index) })
  items.push({ index: 0, nibbles: keyNibbles(0) })
  for (let index = 128; index < count; index++) items.push({ index, nibbles: keyNibbles(index) })
  return items
}

/** RLP(index) as nibbles. */
function keyNibbles(index: number): Uint8Array {
  if (index === 0) return Uint8Array.of(8, 0)
  if (index < 128) return Uint8Array.of(index >> 4, index & 15)
  const bytes: number[] = []
  for (let rest = index; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return toNibbles(Uint8Array.of(0x80 + bytes.length, ...bytes))
}

function build(items: readonly Item[], depth: number, leafReference: LeafReference): Encodable {
  const shared = sharedPrefixLength(items, depth)
  if (shared > 0) {
    return [hexPrefix(items[0]!.nibbles.subarray(depth, depth + shared), false), childReference(items, depth + shared, leafReference)]
  }
  const branch: Encodable[] = new Array(17).fill(EMPTY)
  let start = 0
  while (start < items.length) {
    const nibble = items[start]!.nibbles[depth]!
    let end = start + 1
    while (end < items.length && items[end]!.nibbles[depth] === nibble) end++
    branch[nibble] = childReference(items.slice(start, end), depth + 1, leafReference)
    start = end
  }
  return branch // no value slot: the keys are prefix-free, none ends at a branch
}

function childReference(items: readonly Item[], depth: number, leafReference: LeafReference): Encodable {
  return items.length === 1 ? leafReference(items[0]!, depth) : reference(build(items, depth, leafReference))
}

/** How a child appears in its parent: embedded when its encoding is under 32 bytes, else by hash. */
function reference(node: Encodable): Encodable {
  const encoded = RLP.encode(node)
  return encoded.length < 32 ? node : keccak256(encoded)
}

function sharedPrefixLength(items: readonly Item[], depth: number): number {
  // Sorted: the first and last bound everyone's prefix.
  return commonPrefixLength(items[0]!.nibbles.subarray(depth), items[items.length - 1]!.nibbles.subarray(depth))
}

function commonPrefixLength(a: Uint8Array, b: Uint8Array): number {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) length++
  return length
}

function hexPrefix(nibbles: Uint8Array, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2 === 1
  const flag = (leaf ? 2 : 0) + (odd ? 1 : 0)
  const out = new Uint8Array(1 + (nibbles.length >> 1))
  let at = 0
  if (odd) {
    out[0] = (flag << 4) | nibbles[0]!
    at = 1
  } else {
    out[0] = flag << 4
  }
  for (let i = 1; at < nibbles.length; i++, at += 2) out[i] = (nibbles[at]! << 4) | nibbles[at + 1]!
  return out
}

function toNibbles(bytes: Uint8Array): Uint8Array {
  const nibbles = new Uint8Array(bytes.length * 2)
  for (let i = 0; i < bytes.length; i++) {
    nibbles[2 * i] = bytes[i]! >> 4
    nibbles[2 * i + 1] = bytes[i]! & 15
  }
  return nibbles
}
