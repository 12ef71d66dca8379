/**
 * The ordered transactions as a block that `pevm run` executes: the header
 * from header.json, the transactions in the new order, and the header's
 * gasUsed, logsBloom and receiptsRoot from executing it with the sequential
 * reference (a builder computes them the same way).
 *
 * A builder simulates before it seals: a transaction that turns out invalid
 * in the new order (its sender funded by an internal transfer the analyzer
 * did not predict, say) is moved to the end together with its sender's later
 * transactions, up to REPAIR_ROUNDS times; what is still invalid then is
 * dropped and reported.
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
    const invalid = execution.outcomes.filter((outcome) => outcome.kind === 'invalid').map((outcome) => current[outcome.index]!)
    if (invalid.length === 0) {
      const sealed = { ...block, gasUsed: hex(execution.gasUsed), logsBloom: bytesHex(execution.logsBloom), receiptsRoot: bytesHex(execution.receiptsRoot) }
      return { block: sealed, order: current, moved, dropped: [], execution }
    }
    const bad = withLaterNonces(invalid, current, raws)
    if (round === REPAIR_ROUNDS) {
      const errors = new Map(execution.outcomes.flatMap((o) => (o.kind === 'invalid' ? [[current[o.index]!, o.error] as const] : [])))
      const kept = current.filter((index) => !bad.has(index))
      const rest = await buildOrderedBlock(header, raws, kept, context)
      return { ...rest, moved, dropped: [...bad].map((mempoolIndex) => ({ mempoolIndex, error: errors.get(mempoolIndex) ?? 'a sender\'s earlier transaction was invalid' })) }
    }
    for (const index of bad) if (!moved.includes(index)) moved.push(index)
    current = [...current.filter((index) => !bad.has(index)), ...current.filter((index) => bad.has(index))]
  }
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
  return { ...header, transactions } as RpcBlock
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
