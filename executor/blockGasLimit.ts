import type { Block } from '@ethereumjs/block'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { VM } from '@ethereumjs/vm'

/**
 * runBlock's check, before each transaction: its gas limit must fit in the
 * gas the block has left. (runTx itself only rejects a limit above the whole
 * block's, so a limit over the block's is left to runTx and its message.)
 */
export function exceedsRemainingBlockGas(tx: TypedTransaction, gasUsed: bigint, blockGasLimit: bigint): boolean {
  return tx.gasLimit <= blockGasLimit && blockGasLimit < tx.gasLimit + gasUsed
}

/** runBlock's error message for that case, word for word. */
export function remainingBlockGasError(vm: VM, block: Block): string {
  return `tx has a higher gas limit than the block (${vm.errorStr()} -> ${block.errorStr()})`
}
