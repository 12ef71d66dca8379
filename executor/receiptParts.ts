/**
 * A receipt's encoding in two steps, so that the parallel engine's workers
 * encode the bulk of it (bloom and logs) in parallel, and the main thread,
 * after the block, adds only what it alone knows: the cumulative gas.
 * The bytes are those of ethereumjs's `encodeReceipt` (checked in tests):
 *
 *   receipt       = RLP([statusOrStateRoot, cumulativeGasUsed, bloom, logs])
 *   typed receipt = txType ‖ receipt                               (EIP-2718)
 *
 * Measured: encodeReceipt costs ~5 µs per receipt on the main thread (7.7 ms
 * for the 1,346 receipts of block 14,396,881, a block that takes ~130-240 ms
 * at 2 workers), all of it serial; with the parts made in the workers, the
 * main thread's receipts phase of 10,000 transfers went from 143-229 ms to
 * 83-117 ms (stats.phaseMs.blockEndAndReceipts, three runs each).
 *
 * The parts also carry the receipt's logs and bloom to the main thread: a
 * worker sends the receipt without them (`ReceiptFields`), and the main
 * thread decodes them from the tail (`receiptOfParts`). Structured-cloning
 * the logs themselves, one Uint8Array each for an address, a topic or a data
 * field, cost more than the block's whole serial tail on log-heavy blocks:
 * the 10,041 logs (60,229 arrays) of block 15,537,394 took 51-61 ms to clone
 * once, and a message clones twice (serialise in the worker, deserialise on
 * the main thread); decoding them from the parts' bytes makes views, no copies.
 */
import { RLP } from '@ethereumjs/rlp'
import { bigIntToBytes, concatBytes } from '@ethereumjs/util'
import type { TxReceipt } from '@ethereumjs/vm'

import { decodeRlpPrefix, decodeRlpViews } from '../src/shared/rlpViews.js'
import { RLP_LIST, rlpHeader } from '../src/shared/rlpHeaders.js'

type Log = TxReceipt['logs'][number]

/** Everything of a receipt's RLP but the cumulative gas: the encoded first field, and the encoded bloom and logs. */
export interface ReceiptParts {
  readonly head: Uint8Array
  readonly tail: Uint8Array
}

const EMPTY = new Uint8Array(0)
const SUCCESS = Uint8Array.of(1)
const FAILURE = EMPTY
const LEGACY = 0

/** In a worker: the parts of a receipt (its cumulativeBlockGasUsed is ignored). */
export function receiptParts(receipt: TxReceipt): ReceiptParts {
  // encodeReceipt's own rule: a pre-Byzantium receipt's state root, else the status byte.
  const first = (receipt as { stateRoot?: Uint8Array }).stateRoot ?? ((receipt as { status?: number }).status === 0 ? FAILURE : SUCCESS)
  return { head: RLP.encode(first), tail: concatBytes(RLP.encode(receipt.bitvector), RLP.encode(receipt.logs)) }
}

/**
 * A receipt as a worker sends it: every field but the logs and the bloom,
 * which travel encoded in the parts. Those two keys stay, undefined, so that
 * the receipt rebuilt from it lists its fields in ethereumjs's order.
 */
export type ReceiptFields = Omit<TxReceipt, 'logs' | 'bitvector'> & { readonly logs: undefined; readonly bitvector: undefined }

/** In a worker: the receipt without its logs and bloom (see ReceiptFields). */
export function receiptFields(receipt: TxReceipt): ReceiptFields {
  return { ...receipt, logs: undefined, bitvector: undefined }
}

/**
 * On the main thread: the receipt again, its bloom and logs decoded from the
 * parts (views into the tail, no copies). The logs are decoded when first
 * read: an own enumerable getter, so equality checks, JSON and structured
 * clones see them as a plain field.
 */
export function receiptOfParts(fields: ReceiptFields, parts: ReceiptParts, cumulativeBlockGasUsed: bigint): TxReceipt {
  const bloom = decodeRlpPrefix(parts.tail)
  const receipt = { ...fields } as unknown as { -readonly [K in keyof TxReceipt]: TxReceipt[K] }
  receipt.cumulativeBlockGasUsed = cumulativeBlockGasUsed
  receipt.bitvector = bloom.item as Uint8Array
  let logs: Log[] | undefined
  Object.defineProperty(receipt, 'logs', {
    get: () => (logs ??= decodeRlpViews(parts.tail.subarray(bloom.end)) as Log[]),
    enumerable: true,
    configurable: true,
  })
  return receipt as TxReceipt
}

/** On the main thread: the typed receipt's bytes, with the gas used by the block up to and including this transaction. */
export function assembleReceipt(parts: ReceiptParts, cumulativeGasUsed: bigint, txType: number): Uint8Array {
  const gas = RLP.encode(bigIntToBytes(cumulativeGasUsed))
  const header = rlpHeader(RLP_LIST, parts.head.length + gas.length + parts.tail.length)
  const typePrefix = txType === LEGACY ? EMPTY : Uint8Array.of(txType)
  return concatBytes(typePrefix, header, parts.head, gas, parts.tail)
}
