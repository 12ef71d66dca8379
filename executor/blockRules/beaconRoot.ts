/**
 * EIP-4788 (Cancun): before the transactions, the parent beacon block root
 * is stored in the beacon-roots contract's ring buffer, keyed by timestamp —
 * the same writes ethereumjs's `accumulateParentBeaconBlockRoot` makes.
 * Nothing is written when the contract has no code.
 */
import { Address } from '@ethereumjs/util'

import { bigintToBytes, minimalBytes } from '../../src/shared/preState.js'
import type { BlockJournal } from './blockJournal.js'

export const BEACON_ROOTS_ADDRESS = new Address(Buffer.from('000f3df6d732807ef1319fb7b8bb8522d0beac02', 'hex'))
const HISTORY_BUFFER_LENGTH = 8191n

export async function storeParentBeaconRoot(journal: BlockJournal, timestamp: bigint, root: Uint8Array): Promise<void> {
  const code = await journal.getCode(BEACON_ROOTS_ADDRESS)
  if (code.length === 0) return
  const timestampIndex = timestamp % HISTORY_BUFFER_LENGTH
  await journal.putStorage(BEACON_ROOTS_ADDRESS, bigintToBytes(timestampIndex, 32), minimalBytes(timestamp))
  await journal.putStorage(BEACON_ROOTS_ADDRESS, bigintToBytes(timestampIndex + HISTORY_BUFFER_LENGTH, 32), root)
  await journal.cleanup()
}
