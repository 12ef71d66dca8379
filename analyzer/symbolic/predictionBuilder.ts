/** Collects one transaction's predicted locations while the static pass walks its calls. */
import { type LocationKey, addressChars } from '../../src/shared/locations.js'
import type { CoarseLocation, Confidence, TxPrediction } from '../prediction.js'

export class PredictionBuilder {
  readonly reads = new Set<LocationKey>()
  readonly writes = new Set<LocationKey>()
  /** account chars + access → coarse entry (one per contract and access). */
  private readonly coarse = new Map<string, CoarseLocation>()
  /** The beneficiary is not known here: `withoutFeePayments` turns this into its balance key. */
  private beneficiaryBalance = false

  read(key: LocationKey): void {
    this.reads.add(key)
  }

  write(key: LocationKey): void {
    this.writes.add(key)
  }

  access(key: LocationKey, mode: 'read' | 'write'): void {
    if (mode === 'read') this.reads.add(key)
    else this.writes.add(key)
  }

  /** "Some slot of this contract": what to say when a key or a callee cannot be resolved. */
  coarseStorage(address: Uint8Array, access: 'read' | 'write'): void {
    const account = addressChars(address)
    const id = access + account
    if (!this.coarse.has(id)) this.coarse.set(id, { account, kind: 'any-storage', access })
  }

  /** The code reads `block.coinbase.balance`. */
  readBeneficiaryBalance(): void {
    this.beneficiaryBalance = true
  }

  build(confidence: Confidence): TxPrediction {
    const prediction = { reads: this.reads, writes: this.writes, coarse: [...this.coarse.values()], confidence }
    return this.beneficiaryBalance ? { ...prediction, readsBeneficiaryBalance: true } : prediction
  }
}
