/**
 * Balance credits at the end of a block: validator withdrawals (Shanghai on,
 * amounts in gwei) and, before the Merge, the miner's and the uncles' block
 * rewards — as ethereumjs's `runBlock` credits them (`rewardAccount`).
 */
import { Account, type Address } from '@ethereumjs/util'

import type { BlockJournal } from './blockJournal.js'

const GWEI = 1_000_000_000n

export interface Withdrawal {
  readonly address: Address
  readonly amount: bigint
}

export async function creditAccount(journal: BlockJournal, address: Address, amount: bigint): Promise<void> {
  const account = (await journal.getAccount(address)) ?? new Account()
  account.balance += amount
  await journal.putAccount(address, account)
}

export async function applyWithdrawals(journal: BlockJournal, withdrawals: readonly Withdrawal[]): Promise<void> {
  // A zero-amount withdrawal still touches the account (and so deletes it if empty).
  for (const { address, amount } of withdrawals) await creditAccount(journal, address, amount * GWEI)
  await journal.cleanup()
}

export interface UncleHeader {
  readonly number: bigint
  readonly miner: Address
}

/**
 * The miner gets the base reward plus 1/32 of it per uncle included; each
 * uncle's miner gets (8 - depth)/8 of it. Uncle rewards need the uncles'
 * headers: when `uncles` is undefined (block.json listed only hashes) they
 * are skipped, and the caller reports that.
 */
export async function applyBlockRewards(
  journal: BlockJournal,
  options: { miner: Address; number: bigint; baseReward: bigint; uncleCount: number; uncles: readonly UncleHeader[] | undefined },
): Promise<void> {
  const { miner, number, baseReward, uncleCount, uncles } = options
  for (const uncle of uncles ?? []) {
    const reward = ((8n - (number - uncle.number)) * baseReward) / 8n
    await creditAccount(journal, uncle.miner, reward < 0n ? 0n : reward)
  }
  await creditAccount(journal, miner, baseReward + (baseReward / 32n) * BigInt(uncleCount))
}
