/**
 * The outermost call frame of ethereumjs's interpreter, copied out at a read
 * checkpoint and copied back in to resume there. Together with the view's
 * saved transaction (VersionedState.saveTransaction) this is everything the
 * rest of the execution depends on:
 *
 * - the frame: program counter, stack, memory (and its gas bookkeeping),
 *   gas left, refund counter, return data of the last call;
 * - the frame's results so far: logs, self-destructs, created addresses
 *   (EIP-6780), return value;
 * - the EVM's transaction-scoped state: the journal (warm addresses and
 *   slots, touched accounts, its checkpoint diffs, the access-list and
 *   preimage reports) and transient storage (EIP-1153).
 *
 * Not copied, because it is the same in every run of the transaction or is
 * rebuilt by the resumed run itself: the code and its jump analysis, the
 * message environment (re-created by runCall from the transaction), the
 * frame's account object (fetched again from the restored view, as the
 * interpreter itself re-fetches it after every call and SSTORE).
 *
 * These are ethereumjs 10 internals (Interpreter is not exported): the
 * shapes below name exactly the fields used, and checkpoints are refused on
 * forks whose EIPs add per-transaction EVM state not listed here.
 */

export interface InterpreterInternals {
  readonly _evm: EvmInternals
  readonly _env: { readonly depth: number; readonly address: { readonly bytes: Uint8Array }; contract: unknown }
  readonly _runState: RunStateInternals
  readonly _result: FrameResults
  readonly _stateManager: { getAccount(address: unknown): Promise<unknown> }
}

export interface RunStateInternals {
  programCounter: number
  opCode: number
  readonly code: Uint8Array
  memory: { _store: Uint8Array }
  memoryWordCount: bigint
  highestMemCost: bigint
  stack: { _store: bigint[]; _len: number }
  gasLeft: bigint
  gasRefund: bigint
  stateGasSpilled?: bigint
  returnBytes: Uint8Array
}

interface FrameResults {
  logs: unknown[]
  returnValue?: Uint8Array
  selfdestruct: Map<string, string>
  createdAddresses?: Set<string>
}

type Diff = [number, [Set<string>, Map<string, Set<string>>, Set<string>]]

interface JournalInternals {
  journalHeight: number
  journal: Map<string, Set<string>>
  alwaysWarmJournal: Map<string, Set<string>>
  touched: Set<string>
  journalDiff: Diff[]
  accessList?: Map<string, Set<string>>
  preimages?: Map<string, Uint8Array>
}

interface TransientStorageInternals {
  _storage: Map<string, Map<string, Uint8Array>>
  _changeJournal: unknown[]
  _indices: number[]
}

export interface EvmInternals {
  readonly journal: JournalInternals
  readonly transientStorage: TransientStorageInternals
}

export interface FrameState {
  readonly pc: number
  /** The used part of memory, and the store's length (ethereumjs grows it in fixed steps). */
  readonly memory: Uint8Array
  readonly memoryStoreLength: number
  readonly memoryWordCount: bigint
  readonly highestMemCost: bigint
  readonly stack: bigint[]
  readonly gasLeft: bigint
  readonly gasRefund: bigint
  readonly stateGasSpilled: bigint | undefined
  readonly returnBytes: Uint8Array
  readonly logs: unknown[]
  readonly returnValue: Uint8Array | undefined
  readonly selfdestruct: [string, string][]
  readonly createdAddresses: string[] | undefined
  readonly journal: JournalInternals
  readonly transient: TransientStorageInternals
}

export function captureFrame(interpreter: InterpreterInternals): FrameState {
  const run = interpreter._runState
  const result = interpreter._result
  const { journal, transientStorage } = interpreter._evm
  const usedBytes = Number(run.memoryWordCount) * 32
  return {
    pc: run.programCounter,
    memory: run.memory._store.slice(0, usedBytes),
    memoryStoreLength: run.memory._store.length,
    memoryWordCount: run.memoryWordCount,
    highestMemCost: run.highestMemCost,
    stack: run.stack._store.slice(0, run.stack._len),
    gasLeft: run.gasLeft,
    gasRefund: run.gasRefund,
    stateGasSpilled: run.stateGasSpilled,
    returnBytes: run.returnBytes,
    logs: [...result.logs],
    returnValue: result.returnValue,
    selfdestruct: [...result.selfdestruct],
    createdAddresses: result.createdAddresses === undefined ? undefined : [...result.createdAddresses],
    journal: copyJournal(journal, true),
    transient: copyTransientStorage(transientStorage),
  }
}

/**
 * Puts a captured frame back into a fresh outermost interpreter (before its
 * first instruction). Containers that ethereumjs shares between the frame and
 * its message (self-destructs, created addresses) are refilled in place.
 */
export function restoreFrame(interpreter: InterpreterInternals, frame: FrameState): void {
  const run = interpreter._runState
  run.programCounter = frame.pc
  const store = new Uint8Array(frame.memoryStoreLength)
  store.set(frame.memory)
  run.memory._store = store
  run.memoryWordCount = frame.memoryWordCount
  run.highestMemCost = frame.highestMemCost
  run.stack._store = frame.stack.slice()
  run.stack._len = frame.stack.length
  run.gasLeft = frame.gasLeft
  run.gasRefund = frame.gasRefund
  if (frame.stateGasSpilled !== undefined) run.stateGasSpilled = frame.stateGasSpilled
  run.returnBytes = frame.returnBytes
  const result = interpreter._result
  result.logs = [...frame.logs]
  result.returnValue = frame.returnValue
  result.selfdestruct.clear()
  for (const [address, beneficiary] of frame.selfdestruct) result.selfdestruct.set(address, beneficiary)
  if (frame.createdAddresses !== undefined && result.createdAddresses !== undefined) {
    result.createdAddresses.clear()
    for (const address of frame.createdAddresses) result.createdAddresses.add(address)
  }
  const evm = interpreter._evm
  Object.assign(evm.journal, copyJournal(frame.journal, false))
  if (frame.journal.accessList === undefined) delete evm.journal.accessList
  if (frame.journal.preimages === undefined) delete evm.journal.preimages
  Object.assign(evm.transientStorage, copyTransientStorage(frame.transient))
}

/** Bytes of the frame's logs so far: shared by reference in a checkpoint, but copied when it is published. */
export function logBytes(frame: FrameState): number {
  let bytes = 0
  for (const log of frame.logs as [Uint8Array, Uint8Array[], Uint8Array][]) bytes += 20 + 32 * log[1].length + log[2].length
  return bytes
}

function copyJournal(journal: JournalInternals, compact: boolean): JournalInternals {
  const copy: JournalInternals = {
    journalHeight: journal.journalHeight,
    journal: copySets(journal.journal),
    alwaysWarmJournal: copySets(journal.alwaysWarmJournal),
    touched: new Set(journal.touched),
    journalDiff: compact ? compactDiffs(journal.journalDiff, journal.journalHeight) : journal.journalDiff.map(copyDiff),
  }
  // Present only while reporting (runTx's reportAccessList / reportPreimages): absent stays absent.
  if (journal.accessList !== undefined) copy.accessList = copySets(journal.accessList)
  if (journal.preimages !== undefined) copy.preimages = new Map(journal.preimages)
  return copy
}

function copyDiff([height, [addresses, slots, touched]]: Diff): Diff {
  return [height, [new Set(addresses), copySets(slots), new Set(touched)]]
}

/**
 * The journal's diffs, with every diff at or above the current height merged
 * into one. ethereumjs appends a diff per call-frame checkpoint and commit,
 * so a transaction with many calls has many; a revert at height h walks back
 * over the diffs while their height is ≥ h and undoes each, so those diffs
 * only ever act together, as their union. At a checkpoint in the outermost
 * frame, every diff after the last one below the current height is such a
 * run: merging them keeps what any later revert undoes, and keeps a copy's
 * cost proportional to what was warmed, not to how many calls warmed it.
 */
function compactDiffs(diffs: Diff[], height: number): Diff[] {
  let start = diffs.length
  while (start > 0 && diffs[start - 1]![0] >= height) start--
  const kept = diffs.slice(0, start).map(copyDiff)
  if (start === diffs.length) return kept
  const addresses = new Set<string>()
  const slots = new Map<string, Set<string>>()
  const touched = new Set<string>()
  for (let i = start; i < diffs.length; i++) {
    const [, [moreAddresses, moreSlots, moreTouched]] = diffs[i]!
    for (const address of moreAddresses) addresses.add(address)
    for (const [address, keys] of moreSlots) {
      const merged = slots.get(address) ?? new Set<string>()
      for (const key of keys) merged.add(key)
      slots.set(address, merged)
    }
    for (const address of moreTouched) touched.add(address)
  }
  kept.push([height, [addresses, slots, touched]])
  return kept
}

function copySets(map: Map<string, Set<string>>): Map<string, Set<string>> {
  const copy = new Map<string, Set<string>>()
  for (const [key, set] of map) copy.set(key, new Set(set))
  return copy
}

function copyTransientStorage(storage: TransientStorageInternals): TransientStorageInternals {
  const copy = new Map<string, Map<string, Uint8Array>>()
  for (const [address, slots] of storage._storage) copy.set(address, new Map(slots))
  return { _storage: copy, _changeJournal: [...storage._changeJournal], _indices: [...storage._indices] }
}
