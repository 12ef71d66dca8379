/**
 * What a generated block is made of, before it is signed and written: a
 * plain, printable description that fast-check generates and shrinks (fewer
 * transactions, simpler actions, smaller numbers), and that `buildBlock`
 * turns into a real block directory.
 */

/** Hardfork of the generated block (the header's number and timestamp select it). */
export type Fork = 'berlin' | 'london' | 'shanghai' | 'cancun'

/** An account a transaction can send to, pay, read or name as a beneficiary. */
export type Party =
  | { readonly kind: 'eoa'; readonly index: number }
  | { readonly kind: 'coinbase' }
  /** An address absent from the pre-state (index picks one of a few). */
  | { readonly kind: 'fresh'; readonly index: number }
  | { readonly kind: 'precompile'; readonly address: number }
  | { readonly kind: 'contract'; readonly name: 'counter' | 'tokenA' | 'pair' | 'proxy' | 'relic' | 'cashier' | 'burner' | 'factory' }
  /** The CREATE2 child of the factory for this salt (maybe not created yet, maybe destroyed). */
  | { readonly kind: 'child'; readonly salt: number }

export type CounterFunction = 'increment' | 'add' | 'incrementIfEven' | 'bounce' | 'reset' | 'shout'

/** A call the Caller contract makes with limited gas. */
export type InnerCall =
  | { readonly kind: 'burn'; readonly rounds: number }
  | { readonly kind: 'writeThenRevert'; readonly slot: number }
  | { readonly kind: 'increment'; readonly key: number }
  | { readonly kind: 'tokenTransfer'; readonly to: Party; readonly amount: bigint }

export type InitCode = 'counter' | 'child' | 'reverting' | 'selfDestructing' | 'looping' | 'efPrefixed' | 'empty'

export type Action =
  | { readonly kind: 'transfer'; readonly to: Party; readonly value: bigint }
  | { readonly kind: 'counter'; readonly fn: CounterFunction; readonly key: number; readonly amount: bigint; readonly viaProxy: boolean }
  | { readonly kind: 'upgrade'; readonly toV2: boolean }
  | { readonly kind: 'tokenTransfer'; readonly token: 'tokenA' | 'tokenB'; readonly to: Party; readonly amount: bigint }
  | { readonly kind: 'tokenApprove'; readonly token: 'tokenA' | 'tokenB'; readonly spender: Party; readonly amount: bigint }
  | { readonly kind: 'tokenTransferFrom'; readonly token: 'tokenA' | 'tokenB'; readonly from: Party; readonly to: Party; readonly amount: bigint }
  | { readonly kind: 'tokenMint'; readonly token: 'tokenA' | 'tokenB'; readonly to: Party; readonly amount: bigint }
  | { readonly kind: 'swap'; readonly zeroForOne: boolean; readonly amountIn: bigint; readonly minOut: bigint; readonly to: Party }
  | { readonly kind: 'create2Child'; readonly salt: number; readonly value: bigint }
  | { readonly kind: 'createChild'; readonly value: bigint }
  /** Cancun: created and self-destructed in the same transaction, so really deleted (no fallback). */
  | { readonly kind: 'createAndDestroy'; readonly salt: number; readonly beneficiary: Party; readonly value: bigint }
  | { readonly kind: 'createPlainAndDestroy'; readonly beneficiary: Party; readonly value: bigint }
  /** SELFDESTRUCT of a child that an earlier transaction created (through the factory). */
  | { readonly kind: 'destroyChild'; readonly salt: number; readonly beneficiary: Party }
  | { readonly kind: 'pingChild'; readonly salt: number; readonly value: bigint }
  /** SELFDESTRUCT of the contract that exists in the pre-state. */
  | { readonly kind: 'destroyRelic'; readonly beneficiary: Party }
  /** A storage write (and maybe a payment) to that contract: before its self-destruct, the block wrote its storage. */
  | { readonly kind: 'pingRelic'; readonly value: bigint }
  | { readonly kind: 'cashier'; readonly fn: 'recordCoinbase' | 'payCoinbase' | 'coinbaseParity' | 'recordSelfBalance'; readonly value: bigint }
  /** EXTCODEHASH, EXTCODESIZE and BALANCE of an account (missing, empty, created or destroyed in the block). */
  | { readonly kind: 'inspect'; readonly who: Party }
  | { readonly kind: 'cashierRecordBalance'; readonly who: Party }
  | { readonly kind: 'cashierPay'; readonly to: Party; readonly value: bigint }
  | { readonly kind: 'cashierSplit'; readonly a: Party; readonly b: Party; readonly value: bigint }
  | { readonly kind: 'cashierPayOut'; readonly to: Party; readonly amount: bigint }
  | { readonly kind: 'callWithGas'; readonly inner: InnerCall; readonly gas: number }
  | { readonly kind: 'callThenRevert'; readonly inner: InnerCall }
  | { readonly kind: 'burn'; readonly rounds: number }
  | { readonly kind: 'shaOfCounter'; readonly key: number }
  /** ecrecover of a real signature by one of the block's keys (or a corrupted one). */
  | { readonly kind: 'recover'; readonly signer: number; readonly corrupt: boolean }
  | { readonly kind: 'ripemd'; readonly data: Uint8Array }
  | { readonly kind: 'identity'; readonly data: Uint8Array }
  | { readonly kind: 'blockhash'; readonly back: number }
  /** The EIP-4788 contract's root for `timestamp - back` (only `back` 0 was stored, by the block-start system call). */
  | { readonly kind: 'beaconRoot'; readonly back: number }
  /** BLOBHASH(0) and BLOBBASEFEE recorded (from a blob transaction when the transaction type is `blob`). */
  | { readonly kind: 'blobs' }
  | { readonly kind: 'transient'; readonly twice: boolean; readonly key: number }
  | { readonly kind: 'deploy'; readonly init: InitCode; readonly value: bigint }

/** `blob` only from Cancun and only for calls (the builder signs it as `feeMarket` otherwise). */
export type TxType = 'legacy' | 'accessList' | 'feeMarket' | 'blob'

export interface TxModel {
  /** Index into the block's EOAs (the coinbase may be EOA 0). */
  readonly sender: number
  /** `next` is the sender's pre-state nonce plus its earlier `next` transactions in the block. */
  readonly nonce: 'next' | 'tooHigh' | 'tooLow'
  readonly type: TxType
  /** `ample` is the action's own limit; `tight` runs out in execution; the others are invalid. */
  readonly gas: { readonly kind: 'ample' } | { readonly kind: 'tight'; readonly extra: number } | { readonly kind: 'belowIntrinsic' } | { readonly kind: 'overBlock' }
  /** Priority fee (wei per gas), and whether the fee cap is below the base fee (invalid from London). */
  readonly tip: bigint
  readonly feeCapBelowBaseFee: boolean
  /** For access-list and fee-market transactions: locations declared warm. */
  readonly accessList: readonly { readonly contract: 'counter' | 'tokenA' | 'pair' | 'cashier'; readonly slots: readonly number[] }[]
  readonly action: Action
}

export interface BlockModel {
  readonly fork: Fork
  /**
   * EOAs' pre-state balances (wei) and nonces; their keys are fixed per index.
   * An account with code (`hasCode`) cannot send (EIP-3607: its transactions are invalid).
   */
  readonly eoas: readonly { readonly balance: bigint; readonly nonce: number; readonly hasCode?: boolean }[]
  /**
   * The beneficiary: an address no transaction signs for (absent from the
   * pre-state), EOA 0 (so it also sends and receives), or the Cashier
   * contract (whose SELFBALANCE is then the beneficiary's balance).
   */
  readonly coinbase: 'fresh' | 'eoa' | 'cashier'
  /** Initial contract state. */
  readonly counts: readonly bigint[]
  readonly proxyOnV2: boolean
  readonly tokenBalances: readonly { readonly a: bigint; readonly b: bigint }[]
  /** Which EOAs let the router spend their tokens (unlimited allowance). */
  readonly routerAllowed: readonly boolean[]
  readonly reserves: { readonly a: bigint; readonly b: bigint }
  readonly relicBalance: bigint
  readonly cashierBalance: bigint
  /** Tight block gas limit: transactions may exceed the gas left in the block. */
  readonly blockGasLimit: bigint
  readonly withdrawals: readonly { readonly to: Party; readonly gwei: bigint }[]
  readonly txs: readonly TxModel[]
}

/** Whether the block may legitimately fall back to sequential (pre-Cancun SELFDESTRUCT of an existing contract). */
export function mayDestroyExistingContract(model: BlockModel): boolean {
  if (model.fork === 'cancun') return false
  return model.txs.some(({ action }) => action.kind === 'destroyRelic' || action.kind === 'destroyChild')
}
