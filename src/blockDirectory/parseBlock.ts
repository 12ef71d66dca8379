/**
 * JSON-RPC block → ethereumjs `Block`, with the hardfork of its number and
 * timestamp. Transactions are parsed but their senders are NOT taken from
 * the RPC's `from`: a syncing node recovers them from the signatures, which
 * is part of executing the block (see `recoverSenders`).
 */
import { type Block, createBlockFromRPC } from '@ethereumjs/block'
import { Hardfork } from '@ethereumjs/common'

import { commonForBlock } from '../chain/chainCommon.js'
import { inputError } from '../shared/errors.js'
import { parseQuantity } from '../shared/preState.js'
import type { RpcBlock } from './loadBlockDirectory.js'

/** An uncle as far as block rewards need it: present only when block.json carries full uncle headers. */
export interface UncleReward {
  readonly number: bigint
  readonly miner: Uint8Array
}

export interface ParsedBlock {
  readonly block: Block
  /** How many uncles the block has (the miner's nibling reward depends on it). */
  readonly uncleCount: number
  /** The uncles' numbers and miners, or undefined when block.json lists only their hashes. */
  readonly uncles: readonly UncleReward[] | undefined
}

/**
 * block.json may name its hardfork (`"hardfork": "cancun"`, an ethereumjs
 * Hardfork name): test blocks (state tests) run a fork at any number and
 * timestamp. Mainnet blocks never carry it.
 */
function parseHardforkOverride(value: unknown, file: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(Object.values(Hardfork) as string[]).includes(value)) {
    throw inputError(`${file}: "hardfork" must be an ethereumjs hardfork name, got ${JSON.stringify(value)}`)
  }
  return value
}

/**
 * `transactions: 'skip'` parses the header only (an unfrozen block with no
 * transactions, for a caller that parses them itself on demand).
 */
export function parseBlock(json: RpcBlock, file = 'block.json', options: { readonly transactions?: 'parse' | 'skip' } = {}): ParsedBlock {
  const number = parseQuantity(json.number, `${file}: number`)
  const timestamp = parseQuantity(json.timestamp, `${file}: timestamp`)
  const hardfork = parseHardforkOverride(json.hardfork, file)
  const common = commonForBlock({ number, timestamp, hardfork })
  const { uncles: rawUncles, hardfork: _hardfork, ...header } = json
  let block: Block
  try {
    block =
      options.transactions === 'skip'
        ? createBlockFromRPC({ ...header, transactions: [], uncles: [] } as never, [], { common, freeze: false })
        : createBlockFromRPC({ ...header, uncles: [] } as never, [], { common, freeze: true })
  } catch (error) {
    throw inputError(`${file}: cannot build block ${number}: ${(error as Error).message}`, error)
  }
  const uncleList = Array.isArray(rawUncles) ? rawUncles : []
  const fullUncles = uncleList.every((uncle) => typeof uncle === 'object' && uncle !== null)
  return {
    block,
    uncleCount: uncleList.length,
    uncles: fullUncles
      ? uncleList.map((uncle, index) => {
          const { number: uncleNumber, miner } = uncle as { number: unknown; miner: unknown }
          return {
            number: parseQuantity(uncleNumber, `${file}: uncles[${index}].number`),
            miner: Uint8Array.from(Buffer.from(String(miner).slice(2), 'hex')),
          }
        })
      : undefined,
  }
}
