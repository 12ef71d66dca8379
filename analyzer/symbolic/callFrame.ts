/** One call the static pass follows: whose storage, whose code, who calls, with what calldata. */
export interface CallFrame {
  /** address(this): whose storage SLOAD and SSTORE touch. */
  readonly storage: Uint8Array
  /** Whose code runs (differs from `storage` under DELEGATECALL and through proxies). */
  readonly code: Uint8Array
  /** msg.sender */
  readonly caller: Uint8Array
  /** tx.origin */
  readonly origin: Uint8Array
  /** The transaction's own calldata at depth 0; undefined for nested calls, whose arguments the pass cannot see. */
  readonly calldata: Uint8Array | undefined
  /** Selectors the calling code pushes (PUSH4): the functions a nested call may be calling. */
  readonly calledSelectors: ReadonlySet<string>
  /** Accounts in scope that nested calls may pass on: the origin and the outer frames' address arguments without code. */
  readonly scope: readonly Uint8Array[]
  /** Whether the call may carry ETH: the transaction's value at depth 0; passed on by payable functions. */
  readonly valueIn: boolean
  readonly depth: number
}
