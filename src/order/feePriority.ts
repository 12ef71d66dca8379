/**
 * What a transaction pays the block's beneficiary per unit of gas, given the
 * base fee: min(maxPriorityFeePerGas, maxFeePerGas - baseFee) for EIP-1559
 * transactions, gasPrice - baseFee for the others (gasPrice before London,
 * when there is no base fee). Negative means the transaction cannot be
 * included at this base fee.
 */
import { parseQuantity } from '../shared/preState.js'

export function tipPerGas(tx: Record<string, unknown>, baseFee: bigint | undefined, where: string): bigint {
  const base = baseFee ?? 0n
  if (tx.maxFeePerGas !== undefined) {
    const maxFee = parseQuantity(tx.maxFeePerGas, `${where}: maxFeePerGas`)
    const maxPriority = parseQuantity(tx.maxPriorityFeePerGas ?? '0x0', `${where}: maxPriorityFeePerGas`)
    return maxFee - base < maxPriority ? maxFee - base : maxPriority
  }
  return parseQuantity(tx.gasPrice ?? '0x0', `${where}: gasPrice`) - base
}

/** Blob gas per blob (EIP-4844). */
const GAS_PER_BLOB = 131_072n

/** The most a transaction can cost its sender: gas limit × fee cap + value + blobs × blob gas × blob fee cap. */
export function maxCost(tx: Record<string, unknown>, where: string): bigint {
  const feeCap = parseQuantity(tx.maxFeePerGas ?? tx.gasPrice ?? '0x0', `${where}: fee cap`)
  const blobs = Array.isArray(tx.blobVersionedHashes) ? BigInt(tx.blobVersionedHashes.length) : 0n
  const blobCost = blobs === 0n ? 0n : blobs * GAS_PER_BLOB * parseQuantity(tx.maxFeePerBlobGas ?? '0x0', `${where}: maxFeePerBlobGas`)
  return parseQuantity(tx.gas, `${where}: gas`) * feeCap + parseQuantity(tx.value ?? '0x0', `${where}: value`) + blobCost
}
