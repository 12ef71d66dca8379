/**
 * The static pass: turns a transaction's calldata and the bytecode summaries
 * of the contracts it reaches into concrete predicted locations, without
 * executing anything.
 *
 * Patterns handled (everything else becomes a coarse "some slot of X"):
 *
 * | pattern                                   | how                                                      | where                  |
 * |-------------------------------------------|----------------------------------------------------------|------------------------|
 * | function by selector                      | evmole selectors + argument types                        | bytecodeSummary.ts     |
 * | base-slot variable (uint, address, …)     | evmole storage records per selector; a written one is    | storageAccesses.ts     |
 * |                                           |   also read (counters: evmole often lists only the write)|                        |
 * | mapping[msg.sender], mapping[address arg] | keccak(pad32(key) . pad32(slot)); in nested calls the    | storageAccesses.ts     |
 * |                                           |   origin and outer EOA arguments (not the intermediary)  |                        |
 * | mapping[uint/bytes32 arg], mapping[bool]  | same, keys from arguments of that type                   | keyCandidates.ts       |
 * | mapping[k1][k2] (allowances)              | nested keccak over candidate key pairs (≤ 16)            | storageAccesses.ts     |
 * | dynamic array                             | length slot exact, elements coarse                       | storageAccesses.ts     |
 * | EIP-1167 / ERC-7511 clone, EIP-7702       | target address in the code                               | minimalProxy.ts        |
 * | EIP-1967 / zos / EIP-1822 / beacon proxy  | implementation slot read from the pre-state              | proxyResolution.ts     |
 * | DELEGATECALL to a stored address          | address-typed or constant slots read from the pre-state  | proxyResolution.ts     |
 * | nested call to PUSH20 / immutable /       | followed to depth MAX_DEPTH with unknown calldata: the   | callTargets.ts         |
 * |   stored / argument address, callbacks    |   callee functions whose selectors the caller pushes     |                        |
 * | ETH kept (payable, no CALL) or sent (CALL | balance(this) written, EOA recipients credited          | valueTransfers.ts      |
 * |   without selector: WETH deposit/withdraw)|                                                          |                        |
 * | unknown selector, fallback, unanalysable, | coarse write of the contract's storage (if it has SSTORE | here                   |
 * |   proxy with no implementation found      |   or DELEGATECALL)                                       |                        |
 *
 * Not handled:
 * - keys computed in code (hashes of several values, CREATE2 addresses such as
 *   Uniswap pair addresses); evmole types a hashed key as uint256, so a function
 *   with integer arguments gets a wrong guess from them instead of a coarse prediction
 * - calls to computed addresses (no contract to name, so not even coarse)
 * - reentrancy locks (written and restored: predicted as writes)
 * - struct members past a mapping value's first slot
 * - the arguments of nested calls (only the callee's selectors and the accounts in scope)
 * - ETH passed on by contracts that also call others (routers)
 * - anything that depends on the outcome of earlier transactions (MEV bots' branches)
 */
import { balanceKey, codeKey, nonceKey } from '../../src/shared/locations.js'
import type { FunctionSummary } from '../bytecode/bytecodeSummary.js'
import type { LoadedSummary, SummaryCache } from '../bytecode/summaryCache.js'
import type { AnalyzedTx } from '../transaction.js'
import { type AbiWord, decodeArguments } from './abiDecode.js'
import type { CallFrame } from './callFrame.js'
import { callTargets } from './callTargets.js'
import { PredictionBuilder } from './predictionBuilder.js'
import { resolveImplementation } from './proxyResolution.js'
import type { StateView } from './stateView.js'
import { addStorageAccess } from './storageAccesses.js'
import { addFallbackValue, addValueTransfers, passesValue } from './valueTransfers.js'

/** Calls deeper than this (counting proxy hops) are not followed. */
export const MAX_DEPTH = 4
/** Functions a nested call with unknown calldata may be calling, at most. */
export const MAX_NESTED_FUNCTIONS = 4
/** Calls followed per transaction, at most (the fan-out of nested candidates is bounded too). */
export const MAX_FRAMES = 64

const NO_SELECTORS: ReadonlySet<string> = new Set()

export class CallResolver {
  constructor(
    private readonly state: StateView,
    private readonly summaries: SummaryCache,
  ) {}

  /** The transaction's predicted storage accesses (account fields of sender and recipient are the facts source's). */
  resolveTransaction(tx: AnalyzedTx): PredictionBuilder {
    const out = new PredictionBuilder()
    this.visited = new Set()
    if (tx.to === undefined) return out
    const frame: CallFrame = {
      storage: tx.to,
      code: tx.to,
      caller: tx.from,
      origin: tx.from,
      calldata: tx.data,
      calledSelectors: NO_SELECTORS,
      scope: [tx.from],
      valueIn: tx.value > 0n,
      depth: 0,
    }
    this.resolveCall(frame, out)
    return out
  }

  /** Calls already followed in this transaction: storage, code and called selectors. */
  private visited = new Set<string>()

  private resolveCall(frame: CallFrame, out: PredictionBuilder): void {
    const code = this.state.code(frame.code)
    if (code.length === 0 || this.visited.size >= MAX_FRAMES) return
    const id = `${hex(frame.storage)}:${hex(frame.code)}:${frame.calldata === undefined ? [...frame.calledSelectors].join(',') : 'top'}`
    if (this.visited.has(id)) return
    this.visited.add(id)
    const loaded = this.summaries.get(code, this.state.codeHash(frame.code))
    const { summary } = loaded
    if (summary.forwardsTo !== undefined) {
      const target = Uint8Array.from(Buffer.from(summary.forwardsTo, 'hex'))
      out.read(codeKey(target))
      if (frame.depth < MAX_DEPTH) this.resolveCall({ ...frame, code: target, depth: frame.depth + 1 }, out)
      return
    }
    const functions = this.functionsCalled(frame, loaded)
    if (functions.length === 0) return this.resolveUnknownFunction(frame, loaded, out)
    const args = frame.calldata === undefined ? [] : decodeArguments(functions[0]!.argumentTypes, frame.calldata)
    for (const fn of functions) this.resolveFunction(frame, fn, args, out)
  }

  /** The function the calldata selects; for a nested call, those whose selectors the caller pushes. */
  private functionsCalled(frame: CallFrame, loaded: LoadedSummary): FunctionSummary[] {
    if (frame.calldata !== undefined) {
      if (frame.calldata.length < 4) return []
      const fn = loaded.functions.get(Buffer.from(frame.calldata.subarray(0, 4)).toString('hex'))
      return fn === undefined ? [] : [fn]
    }
    const called: FunctionSummary[] = []
    for (const selector of frame.calledSelectors) {
      const fn = loaded.functions.get(selector)
      if (fn !== undefined && called.length < MAX_NESTED_FUNCTIONS) called.push(fn)
    }
    return called
  }

  /**
   * No known function: a proxy's fallback (follow the implementation), or a
   * fallback we cannot see into (coarse). A nested call whose callee has none
   * of the selectors the caller pushes is not known to happen at all (the
   * address was only a candidate): nothing is predicted for it.
   */
  private resolveUnknownFunction(frame: CallFrame, loaded: LoadedSummary, out: PredictionBuilder): void {
    const implementation = resolveImplementation(frame.storage, loaded.summary, this.state, this.summaries)
    if (implementation !== undefined) {
      for (const key of implementation.reads) out.read(key)
      out.read(codeKey(implementation.address))
      if (frame.depth < MAX_DEPTH) this.resolveCall({ ...frame, code: implementation.address, depth: frame.depth + 1 }, out)
      return
    }
    if (frame.calldata === undefined) return
    addFallbackValue(frame, out)
    const { summary } = loaded
    if (summary.writesStorage || summary.delegatecalls || !summary.analyzed) out.coarseStorage(frame.storage, 'write')
  }

  private resolveFunction(frame: CallFrame, fn: FunctionSummary, args: readonly AbiWord[], out: PredictionBuilder): void {
    for (const ref of fn.reads) addStorageAccess(ref, 'read', frame, args, out)
    for (const ref of fn.writes) {
      if (!ref.type.startsWith('mapping')) addStorageAccess(ref, 'read', frame, args, out)
      addStorageAccess(ref, 'write', frame, args, out)
    }
    addValueTransfers(frame, fn, args, this.state, out)
    if (fn.readsCoinbaseBalance) out.readBeneficiaryBalance()
    if (!(fn.calls || fn.staticcalls || fn.delegatecalls) || frame.depth >= MAX_DEPTH) return
    const scope = [...frame.scope, ...externallyOwned(args, this.state)]
    const calledSelectors = new Set(fn.selectorConstants)
    const delegateOnly = fn.delegatecalls && !fn.calls && !fn.staticcalls
    if (fn.calls) out.read(balanceKey(frame.storage))
    for (const target of callTargets(frame, fn, args, this.state, this.summaries)) {
      out.read(codeKey(target))
      if (!delegateOnly) {
        out.read(balanceKey(target))
        out.read(nonceKey(target))
      }
      const child: CallFrame = {
        storage: delegateOnly ? frame.storage : target,
        code: target,
        caller: delegateOnly ? frame.caller : frame.storage,
        origin: frame.origin,
        calldata: undefined,
        calledSelectors,
        scope,
        valueIn: passesValue(frame, fn),
        depth: frame.depth + 1,
      }
      this.resolveCall(child, out)
    }
  }
}

/** Address arguments without code: the accounts (users, recipients) whose entries nested calls may touch. */
function externallyOwned(args: readonly AbiWord[], state: StateView): Uint8Array[] {
  return args.filter((arg) => arg.family === 'address' && !state.hasCode(arg.word.subarray(12))).map((arg) => arg.word.subarray(12))
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}
