/**
 * The mocked block families of the benchmark suite, with their sizes, and
 * generation into block directories (`bench/out/blocks/<family>-<txs>-s<seed>`,
 * gitignored). A directory is reused when its manifest names the same family,
 * size, seed and generator version; anything else regenerates it.
 *
 * Sizes: `full` is what `npm run bench:report` runs — the shapes of the
 * public "gigagas" parallel-EVM benchmarks scaled to what 2 cores do in a
 * few minutes; `quick` is the size the tests and a smoke run use.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { projectRoot } from '../../src/shared/projectRoot.js'
import { addSwapsOnManyPools, addSwapsOnOnePool } from './amm.js'
import { addBeneficiaryTraffic } from './beneficiary.js'
import { addHotErc20Transfers, addIndependentErc20Transfers } from './erc20.js'
import { addLateCounterBumps } from './lateConflictCounter.js'
import { addLateRouterSwaps } from './lateConflictRouter.js'
import { addMixedTraffic } from './mixed.js'
import { MockBlock } from './mockBlock.js'
import { addIndependentTransfers, addTransfersFromOneSender, addTransfersToOneRecipient } from './transfers.js'

/** Bump when a generator's output changes, so that cached directories are rebuilt. */
export const GENERATOR_VERSION = 1

export interface BlockFamily {
  readonly name: string
  readonly description: string
  /** Transaction counts of the blocks of this family, per size. */
  readonly sizes: { readonly full: readonly number[]; readonly quick: readonly number[] }
  readonly fill: (block: MockBlock, txs: number) => void
}

export const FAMILIES: readonly BlockFamily[] = [
  { name: 'transfers-independent', description: 'raw ETH transfers between distinct accounts', sizes: { full: [10_000], quick: [40] }, fill: addIndependentTransfers },
  { name: 'transfers-one-sender', description: 'raw transfers from one sender (a nonce chain)', sizes: { full: [2_000], quick: [20] }, fill: addTransfersFromOneSender },
  { name: 'transfers-one-recipient', description: 'raw transfers from distinct senders into one recipient', sizes: { full: [5_000], quick: [30] }, fill: (block, txs) => addTransfersToOneRecipient(block, txs) },
  { name: 'erc20-independent', description: 'ERC20 transfers between distinct holders (vendored ERC20Token)', sizes: { full: [5_000], quick: [30] }, fill: addIndependentErc20Transfers },
  { name: 'erc20-hot', description: 'ERC20 transfers from distinct holders into 8 hot holders', sizes: { full: [3_000], quick: [30] }, fill: (block, txs) => addHotErc20Transfers(block, txs) },
  { name: 'amm-many-pools', description: 'constant-product swaps spread over many pools (10 swaps per pool, round-robin)', sizes: { full: [2_000], quick: [30] }, fill: (block, txs) => addSwapsOnManyPools(block, txs) },
  { name: 'amm-one-pool', description: 'constant-product swaps on one hot pool', sizes: { full: [1_000], quick: [20] }, fill: addSwapsOnOnePool },
  { name: 'mixed', description: 'shuffled mix: transfers, ERC20, swaps, beneficiary traffic', sizes: { full: [3_000], quick: [40] }, fill: addMixedTraffic },
  { name: 'beneficiary', description: 'transfers to the coinbase, contract reads of its balance, plain transfers', sizes: { full: [3_000], quick: [30] }, fill: addBeneficiaryTraffic },
  { name: 'small', description: 'small mixed blocks (1–10 transactions)', sizes: { full: [1, 2, 5, 10], quick: [1, 5] }, fill: addMixedTraffic },
  // Late conflicts (issue 11, read checkpoints): heavy work first, the shared read last.
  { name: 'late-counter', description: 'a keccak loop (~170k gas), then an increment of one hot counter: every tx conflicts late', sizes: { full: [200], quick: [16] }, fill: (block, txs) => addLateCounterBumps(block, txs, { kind: 'hot', counters: 1 }) },
  { name: 'late-counter-k8', description: 'the late-counter work, then an increment of one of 8 hot counters (at random)', sizes: { full: [200], quick: [16] }, fill: (block, txs) => addLateCounterBumps(block, txs, { kind: 'hot', counters: 8 }) },
  { name: 'late-router', description: 'swaps through a router that hashes the route (~100k gas), then reads and swaps on one hot pool', sizes: { full: [200], quick: [16] }, fill: (block, txs) => addLateRouterSwaps(block, txs) },
  { name: 'no-conflict-heavy', description: 'the late-counter work, each tx incrementing its own counter: nothing conflicts', sizes: { full: [200], quick: [16] }, fill: (block, txs) => addLateCounterBumps(block, txs, { kind: 'own' }) },
]

export function familyNamed(name: string): BlockFamily {
  const family = FAMILIES.find((candidate) => candidate.name === name)
  if (family === undefined) throw new Error(`no block family '${name}' (families: ${FAMILIES.map((f) => f.name).join(', ')})`)
  return family
}

export interface GeneratedBlock {
  readonly family: string
  readonly txs: number
  readonly seed: number
  readonly dir: string
}

export const GENERATED_BLOCKS_DIR = join(projectRoot(), 'bench', 'out', 'blocks')

/** Builds the block in memory (deterministic from family, size and seed). */
export function buildBlock(family: BlockFamily, txs: number, seed: number): MockBlock {
  const block = new MockBlock(seed)
  family.fill(block, txs)
  if (block.txs.length !== txs) throw new Error(`generator ${family.name} made ${block.txs.length} transactions, asked for ${txs}`)
  return block
}

/** Writes the block directory unless an identical one is there already. */
export async function generateBlock(family: BlockFamily, txs: number, seed: number, root = GENERATED_BLOCKS_DIR): Promise<GeneratedBlock> {
  const dir = join(root, `${family.name}-${txs}-s${seed}`)
  const manifest = JSON.stringify({ family: family.name, txs, seed, version: GENERATOR_VERSION })
  const manifestFile = join(dir, 'generator.json')
  if (!existsSync(manifestFile) || readFileSync(manifestFile, 'utf8') !== manifest) {
    rmSync(dir, { recursive: true, force: true })
    await buildBlock(family, txs, seed).writeTo(dir)
    writeFileSync(manifestFile, manifest)
  }
  return { family: family.name, txs, seed, dir }
}
