/**
 * A state test's environment as a block in the project's input format: an
 * RPC-shaped block.json (what the parallel engine hands its workers) that
 * names its hardfork, since a state test runs a fork at block number 1 and
 * timestamp 1000, plus the test's `pre` as pre_state.json and the hashes
 * BLOCKHASH may ask for.
 *
 * Post-Merge headers carry `currentRandom` as mixHash (PREVRANDAO), Cancun
 * ones a zero parent beacon root and the env's excess blob gas, Shanghai
 * ones an empty withdrawal list. The EIP-4788 system call only writes when
 * the beacon-roots contract has code, which no state test's pre-state gives it.
 */
import { join } from 'node:path'

import { Hardfork } from '@ethereumjs/common'
import type { TypedTransaction } from '@ethereumjs/tx'
import { keccak_256 } from '@noble/hashes/sha3.js'

import type { BlockExecution } from '../../executor/blockExecution.js'
import type { BlockInput } from '../../executor/blockInput.js'
import { type RpcBlock, parseRpcBlockShape } from '../../src/blockDirectory/loadBlockDirectory.js'
import { parseBlock } from '../../src/blockDirectory/parseBlock.js'
import { type HeaderFields, type PreStateAccountJson, rpcBlock, writeBlockDirectory } from '../../src/blockDirectory/writeBlockDirectory.js'
import { type PreState, parsePreState } from '../../src/shared/preState.js'
import { hardforkOf } from './forks.js'
import { hex } from './stateRoot.js'
import type { StateTestEnv } from './stateTest.js'

const ZERO_HASH = '0x' + '00'.repeat(32)

export interface CaseBlockOptions {
  readonly fork: string
  readonly env: StateTestEnv
  readonly txs: readonly TypedTransaction[]
  /** Header fields a real block carries once executed (the reference's): the parallel engine sizes its memory by gasUsed. */
  readonly gasUsed?: bigint
  /** The rest of them, for a block directory that `pevm run` checks against its header. */
  readonly logsBloom?: string
  readonly receiptsRoot?: string
  /** Overrides the env's gas limit (packed blocks). */
  readonly gasLimit?: bigint
  /** Names the block in error messages. */
  readonly name: string
}

export function caseRpcBlock(options: CaseBlockOptions): RpcBlock {
  const { env, txs } = options
  const hardfork = hardforkOf(options.fork)
  const common = { gte: (fork: Hardfork) => atLeast(hardfork, fork) }
  const blobs = txs.reduce((sum, tx) => sum + ('blobVersionedHashes' in tx ? BigInt((tx.blobVersionedHashes as unknown[]).length) : 0n), 0n)
  const header: HeaderFields = {
    number: BigInt(env.currentNumber),
    timestamp: BigInt(env.currentTimestamp),
    gasLimit: options.gasLimit ?? BigInt(env.currentGasLimit),
    gasUsed: options.gasUsed ?? 0n,
    logsBloom: options.logsBloom,
    receiptsRoot: options.receiptsRoot,
    miner: env.currentCoinbase.toLowerCase(),
    difficulty: common.gte(Hardfork.Paris) ? 0n : BigInt(env.currentDifficulty ?? '0x0'),
    ...(common.gte(Hardfork.London) ? { baseFeePerGas: BigInt(env.currentBaseFee ?? '0x7') } : {}),
    ...(common.gte(Hardfork.Paris) ? { mixHash: word(env.currentRandom ?? ZERO_HASH) } : {}),
    ...(common.gte(Hardfork.Shanghai) ? { withdrawals: [] } : {}),
    ...(common.gte(Hardfork.Cancun)
      ? { excessBlobGas: BigInt(env.currentExcessBlobGas ?? '0x0'), blobGasUsed: blobs * 131_072n, parentBeaconBlockRoot: ZERO_HASH }
      : {}),
  }
  return parseRpcBlockShape({ ...rpcBlock(header, txs), hardfork }, options.name)
}

export function caseBlockInput(options: CaseBlockOptions, preState: PreState): BlockInput {
  const rpc = caseRpcBlock(options)
  const parsed = parseBlock(rpc, options.name)
  const wanted = hardforkOf(options.fork)
  if (parsed.block.common.hardfork() !== wanted) {
    throw new Error(
      `parseBlock ran ${options.name} as ${parsed.block.common.hardfork()}, not ${wanted}: it must honour block.json's "hardfork" field (see bench/stateTests/README.md)`,
    )
  }
  return { rpcBlock: rpc, parsed, preState, blockHashes: blockHashesBefore(BigInt(options.env.currentNumber)) }
}

export function casePreState(pre: Readonly<Record<string, PreStateAccountJson>>, name: string): PreState {
  return parsePreState(pre, name)
}

const hashWindows = new Map<bigint, ReadonlyMap<bigint, Uint8Array>>()

/**
 * The 256 ancestors' hashes. The state tests' convention (geth's
 * `vmTestBlockHash`, retesteth's): block n's hash is keccak256 of n in decimal.
 */
export function blockHashesBefore(number: bigint): ReadonlyMap<bigint, Uint8Array> {
  let hashes = hashWindows.get(number)
  if (hashes === undefined) {
    const window = new Map<bigint, Uint8Array>()
    for (let n = number > 256n ? number - 256n : 0n; n < number; n++) window.set(n, keccak_256(new TextEncoder().encode(n.toString())))
    hashes = window
    hashWindows.set(number, hashes)
  }
  return hashes
}

const FORK_ORDER: readonly Hardfork[] = [
  Hardfork.Chainstart, Hardfork.Homestead, Hardfork.Dao, Hardfork.TangerineWhistle, Hardfork.SpuriousDragon, Hardfork.Byzantium,
  Hardfork.Constantinople, Hardfork.Petersburg, Hardfork.Istanbul, Hardfork.MuirGlacier, Hardfork.Berlin, Hardfork.London,
  Hardfork.ArrowGlacier, Hardfork.GrayGlacier, Hardfork.MergeNetsplitBlock, Hardfork.Paris, Hardfork.Shanghai, Hardfork.Cancun, Hardfork.Prague,
]

export function atLeast(hardfork: Hardfork, than: Hardfork): boolean {
  return FORK_ORDER.indexOf(hardfork) >= FORK_ORDER.indexOf(than)
}

function word(quantity: string): string {
  return '0x' + quantity.slice(2).padStart(64, '0')
}

/**
 * Writes the block as a block directory (block.json with its "hardfork",
 * pre_state.json, block_hashes.json) under `root`, named after the block,
 * with the reference's gasUsed, bloom and receipts root in its header:
 * `pevm run <dir>` replays it. Returns the directory.
 */
export function saveCaseBlock(
  root: string,
  options: CaseBlockOptions,
  pre: Readonly<Record<string, PreStateAccountJson>>,
  reference: BlockExecution | undefined,
): string {
  const dir = join(root, options.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 180))
  const block = caseRpcBlock({
    ...options,
    ...(reference !== undefined ? { gasUsed: reference.gasUsed, logsBloom: hex(reference.logsBloom), receiptsRoot: hex(reference.receiptsRoot) } : {}),
  })
  const blockHashes: Record<string, string> = {}
  for (const [number, hash] of blockHashesBefore(BigInt(options.env.currentNumber))) blockHashes[number.toString()] = hex(hash)
  writeBlockDirectory(dir, { block, preState: { ...pre }, blockHashes })
  return dir
}
