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
