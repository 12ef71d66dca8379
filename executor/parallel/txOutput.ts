import type { ReceiptFields, ReceiptParts } from '../receiptParts.js'

/** What one incarnation of a transaction produced, sent from a worker to the main thread at the end of the block. */
export type TxOutput =
  | {
      readonly tx: number
      readonly incarnation: number
      readonly kind: 'executed'
      readonly gasUsed: bigint
      readonly blockGasSpent: bigint
      readonly status: 'success' | 'reverted'
      /**
       * The receipt without its logs and bloom, which are in `receiptParts`
       * (see receiptParts.ts); cumulativeBlockGasUsed is this transaction's gas
       * alone: the main thread sums them in order.
       */
      readonly receipt: ReceiptFields
      /** The receipt's encoding but for the cumulative gas, done here in parallel. */
      readonly receiptParts: ReceiptParts
      readonly createdAddress: string | undefined
    }
  | { readonly tx: number; readonly incarnation: number; readonly kind: 'invalid'; readonly error: string }
