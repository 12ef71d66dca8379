/**
 * The ordered transactions as a block that `pevm run` executes: the header
 * from header.json, the transactions in the new order, and the header's
 * gasUsed, logsBloom and receiptsRoot from executing it with the sequential
 * reference (a builder computes them the same way).
 *
 * A builder simulates before it seals: a transaction that turns out invalid
 * in the new order is moved, up to REPAIR_ROUNDS times: to the front with its
 * sender's earlier transactions when its gas limit no longer fits in the gas
 * the block has left (runBlock checks each gas limit against the gas left,
 * so a big limit must come early), otherwise (its sender funded by an
 * internal transfer the analyzer did not predict, say) to the end with its
 * sender's later transactions. What is still invalid then is dropped and
 * reported.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

import type { BlockExecution } from '../../executor/blockExecution.js'
import { blockInputFrom } from '../../executor/blockInput.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import type { RpcBlock } from '../blockDirectory/loadBlockDirectory.js'
import type { PreState } from '../shared/preState.js'

const REPAIR_ROUNDS = 3

export interface OrderedBlock {
  readonly block: RpcBlock
  /** Mempool indices in the final block order. */
  readonly order: readonly number[]
  /** Mempool indices moved to the end (repaired) or dropped, with the error. */
  readonly moved: readonly number[]
  readonly dropped: readonly { readonly mempoolIndex: number; readonly error: string }[]
  readonly execution: BlockExecution
}

export async function buildOrderedBlock(
  header: Record<string, unknown>,
  raws: readonly Record<string, unknown>[],
  order: readonly number[],
  context: { preState: PreState; blockHashes: ReadonlyMap<bigint, Uint8Array>; dir: string },
): Promise<OrderedBlock> {
  let current = [...order]
  const moved: number[] = []
  for (let round = 0; ; round++) {
    const block = blockOf(header, raws, current)
    const execution = await executeSequential(blockInputFrom({ dir: context.dir, block, preState: context.preState, blockHashes: context.blockHashes }))
    const failures = execution.outcomes.flatMap((outcome) => (outcome.kind === 'invalid' ? [{ index: current[outcome.index]!, error: outcome.error }] : []))
    const invalid = failures.map((failure) => failure.index)
    if (invalid.length === 0) {
      const sealed = { ...block, gasUsed: hex(execution.gasUsed), logsBloom: bytesHex(execution.logsBloom), receiptsRoot: bytesHex(execution.receiptsRoot) }
      return { block: sealed, order: current, moved, dropped: [], execution }
    }
    const gasFailures = failures.filter((failure) => GAS_LIMIT_ERROR.test(failure.error)).map((failure) => failure.index)
    const bad = withLaterNonces(invalid.filter((index) => !gasFailures.includes(index)), current, raws)
    const early = withEarlierNonces(gasFailures, current, raws)
    if (round === REPAIR_ROUNDS) {
      const errors = new Map(execution.outcomes.flatMap((o) => (o.kind === 'invalid' ? [[current[o.index]!, o.error] as const] : [])))
      for (const index of early) bad.add(index)
      const kept = current.filter((index) => !bad.has(index))
      const rest = await buildOrderedBlock(header, raws, kept, context)
      return { ...rest, moved, dropped: [...bad].map((mempoolIndex) => ({ mempoolIndex, error: errors.get(mempoolIndex) ?? 'a sender\'s earlier transaction was invalid' })) }
    }
    for (const index of [...bad, ...early]) if (!moved.includes(index)) moved.push(index)
    const stay = current.filter((index) => !bad.has(index) && !early.has(index))
    current = [...current.filter((index) => early.has(index)), ...stay, ...current.filter((index) => bad.has(index))]
  }
}

/** runBlock's error for a gas limit above the gas the block has left. */
const GAS_LIMIT_ERROR = /higher gas limit than the block/

/** These transactions and every earlier transaction of their senders (moved to the front together, nonce order holds). */
function withEarlierNonces(indices: readonly number[], current: readonly number[], raws: readonly Record<string, unknown>[]): Set<number> {
  const early = new Set<number>()
  for (const index of indices) {
    const from = String(raws[index]!.from).toLowerCase()
    for (const earlier of current.slice(0, current.indexOf(index) + 1)) if (String(raws[earlier]!.from).toLowerCase() === from) early.add(earlier)
  }
  return early
}

/** The invalid transactions and every later transaction of their senders (nonce order must hold). */
function withLaterNonces(invalid: readonly number[], current: readonly number[], raws: readonly Record<string, unknown>[]): Set<number> {
  const bad = new Set<number>()
  for (const index of invalid) {
    const from = String(raws[index]!.from).toLowerCase()
    const at = current.indexOf(index)
    for (const later of current.slice(at)) if (String(raws[later]!.from).toLowerCase() === from) bad.add(later)
  }
  return bad
}

function blockOf(header: Record<string, unknown>, raws: readonly Record<string, unknown>[], order: readonly number[]): RpcBlock {
  const transactions = order.map((index, position) => ({ ...raws[index]!, transactionIndex: hex(BigInt(position)), blockNumber: header.number, blockHash: header.hash }))
  // gasUsed is known only after executing (the mined block's may exceed a new gas limit): sealed afterwards.
  return { ...header, gasUsed: '0x0', transactions } as RpcBlock
}

/** Writes block.json and copies the mempool's pre_state and block_hashes files beside it. */
export function writeOrderedBlock(dir: string, block: RpcBlock, files: { preState: string; blockHashes: string | undefined }): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'block.json'), JSON.stringify(block, null, 1))
  copyFileSync(files.preState, join(dir, basename(files.preState)))
  if (files.blockHashes !== undefined) copyFileSync(files.blockHashes, join(dir, basename(files.blockHashes)))
}

function hex(value: bigint): string {
  return '0x' + value.toString(16)
}

function bytesHex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes).toString('hex')
}
