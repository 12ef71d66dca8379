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
    journal: copyJournal(journal),
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
  Object.assign(evm.journal, copyJournal(frame.journal))
  Object.assign(evm.transientStorage, copyTransientStorage(frame.transient))
}

/** Approximate bytes a frame holds (for the statistics): memory, stack, logs and warm sets. */
export function frameBytes(frame: FrameState): number {
  let warm = 0
  for (const slots of frame.journal.journal.values()) warm += 40 + slots.size * 64
  return frame.memory.length + frame.stack.length * 32 + frame.logs.length * 128 + warm + frame.journal.journalDiff.length * 64
}

function copyJournal(journal: JournalInternals): JournalInternals {
  const copy: JournalInternals = {
    journalHeight: journal.journalHeight,
    journal: copySets(journal.journal),
    alwaysWarmJournal: copySets(journal.alwaysWarmJournal),
    touched: new Set(journal.touched),
    journalDiff: journal.journalDiff.map(([height, [addresses, slots, touched]]): Diff => [height, [new Set(addresses), copySets(slots), new Set(touched)]]),
  }
  // Present only while reporting (runTx's reportAccessList / reportPreimages): absent stays absent.
  if (journal.accessList !== undefined) copy.accessList = copySets(journal.accessList)
  if (journal.preimages !== undefined) copy.preimages = new Map(journal.preimages)
  return copy
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
