/**
 * `accesslist`: EIP-2930 access lists as declared by the senders. An entry
 * says the transaction touches an account (its code and balance are loaded
 * by any call) and the listed slots; it does not say read or write, so every
 * slot is predicted read and written. Senders over- and under-declare:
 * `likely`, not certain.
 */
import { type LocationKey, balanceKey, codeKey, storageKey } from '../../src/shared/locations.js'
import type { HintSource, TxPrediction } from '../prediction.js'
import type { AnalyzedTx } from '../transaction.js'

export const accessListSource: HintSource = {
  name: 'accesslist',
  async predict(ctx) {
    return ctx.txs.map(accessListPrediction)
  },
}

function accessListPrediction(tx: AnalyzedTx): TxPrediction {
  const reads = new Set<LocationKey>()
  const writes = new Set<LocationKey>()
  for (const entry of tx.accessList) {
    reads.add(codeKey(entry.address)).add(balanceKey(entry.address))
    for (const slot of entry.storageKeys) {
      const key = storageKey(entry.address, slot)
      reads.add(key)
      writes.add(key)
    }
  }
  return { reads, writes, coarse: [], confidence: 'likely' }
}
