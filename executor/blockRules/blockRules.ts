/**
 * The block-level rules around the transactions, in the order a syncing
 * node applies them, shared by the sequential reference and the parallel
 * engine:
 *
 *   before: DAO fork (block 1,920,000) → EIP-4788 beacon root (Cancun)
 *   after:  withdrawals (Shanghai) → block and uncle rewards (before the Merge)
 */
import { ConsensusType } from '@ethereumjs/common'
import { Address } from '@ethereumjs/util'

import type { ParsedBlock } from '../../src/blockDirectory/parseBlock.js'
import { storeParentBeaconRoot } from './beaconRoot.js'
import type { BlockJournal } from './blockJournal.js'
import { DAO_FORK_BLOCK, applyDaoFork } from './daoFork.js'
import { applyBlockRewards, applyWithdrawals } from './rewards.js'

export async function applyBlockStart(journal: BlockJournal, { block }: ParsedBlock): Promise<void> {
  const { header, common } = block
  if (header.number === DAO_FORK_BLOCK) await applyDaoFork(journal)
  if (common.isActivatedEIP(4788)) await storeParentBeaconRoot(journal, header.timestamp, header.parentBeaconBlockRoot!)
}

/** Returns notes for the caller (e.g. uncle rewards that could not be paid). */
export async function applyBlockEnd(journal: BlockJournal, parsed: ParsedBlock): Promise<string[]> {
  const { block, uncleCount, uncles } = parsed
  const { header, common } = block
  const warnings: string[] = []
  if (common.isActivatedEIP(4895)) {
    await applyWithdrawals(journal, block.withdrawals!.map(({ address, amount }) => ({ address, amount })))
  }
  if (common.consensusType() === ConsensusType.ProofOfWork) {
    if (uncleCount > 0 && uncles === undefined) {
      warnings.push(`uncle rewards skipped: block.json lists ${uncleCount} uncle(s) by hash only (their miners are unknown)`)
    }
    await applyBlockRewards(journal, {
      miner: header.coinbase,
      number: header.number,
      baseReward: common.param('minerReward'),
      uncleCount,
      uncles: uncles?.map((uncle) => ({ number: uncle.number, miner: new Address(uncle.miner) })),
    })
  }
  return warnings
}
