/**
 * A contract's summary, computed once per code hash (evmole's storage
 * analysis costs ~55 ms per contract; see `summaryCache.ts`): its functions
 * with argument types, the storage each reads and writes (base slots and
 * mappings, no keys), and what each may call; plus the whole-contract facts
 * that proxy resolution needs. Plain JSON, so it can be cached on disk.
 */
import { type CfgBlock, runEvmole } from './evmoleAdapter.js'
import { type CodeFacts, addInstruction, emptyCodeFacts } from './codeFacts.js'
import { reachableBlocks } from './functionReach.js'
import { instructions } from './opcodes.js'
import { minimalProxyTarget } from './minimalProxy.js'
import { ELEMENT_OF, arrayElementSlots } from './arrayElements.js'

/** Bump when the summary's meaning changes: disk caches of other versions are ignored. */
export const SUMMARY_VERSION = 5

export interface StorageRef {
  /** 64 hex digits, no 0x. */
  readonly slot: string
  /** evmole's type, e.g. `mapping(address => uint256)`; `element of T[]` for a slot inside a dynamic array's data. */
  readonly type: string
}

export interface FunctionSummary {
  /** 8 hex digits, no 0x. */
  readonly selector: string
  readonly argumentTypes: readonly string[]
  readonly mutability: string
  readonly reads: readonly StorageRef[]
  readonly writes: readonly StorageRef[]
  readonly calls: boolean
  readonly staticcalls: boolean
  readonly delegatecalls: boolean
  readonly readsBalance: boolean
  /** Reads the block beneficiary's balance (`block.coinbase.balance`): a real read, unlike fee payments. */
  readonly readsCoinbaseBalance: boolean
  readonly addressConstants: readonly string[]
  readonly selectorConstants: readonly string[]
  /** False when the control-flow graph did not cover the function: its code facts are the whole contract's. */
  readonly precise: boolean
}

export interface BytecodeSummary {
  readonly version: number
  /** False when evmole could not analyse the code: nothing below is known. */
  readonly analyzed: boolean
  readonly functions: readonly FunctionSummary[]
  /** EIP-1167 minimal proxy (or EIP-7702 delegation) target, 40 hex digits. */
  readonly forwardsTo: string | undefined
  /** Anywhere in the code: CALL or CALLCODE, DELEGATECALL, SSTORE. */
  readonly calls: boolean
  readonly delegatecalls: boolean
  readonly writesStorage: boolean
  /** Candidate proxy implementation slots: constants SLOADed directly, slots evmole saw used as addresses, other 32-byte constants. */
  readonly sloadConstants: readonly string[]
  readonly addressSlots: readonly string[]
  readonly wordConstants: readonly string[]
  readonly addressConstants: readonly string[]
}

export function summarizeBytecode(code: Uint8Array): BytecodeSummary {
  const forwardsTo = minimalProxyTarget(code)
  const whole = emptyCodeFacts()
  for (const instruction of instructions(code)) addInstruction(whole, instruction)
  const base = {
    version: SUMMARY_VERSION,
    forwardsTo,
    calls: whole.call,
    delegatecalls: whole.delegatecall,
    writesStorage: whole.sstore,
    sloadConstants: [...whole.sloadConstants],
    wordConstants: [...whole.wordConstants],
    addressConstants: [...whole.addressConstants],
  }
  const evmole = forwardsTo === undefined ? runEvmole(code) : undefined
  if (evmole === undefined) return { ...base, analyzed: forwardsTo !== undefined, functions: [], addressSlots: [] }

  const reads = new Map<string, StorageRef[]>()
  const writes = new Map<string, StorageRef[]>()
  const addressSlots = new Set<string>()
  const elementOf = arrayElementSlots(evmole.storage)
  for (const record of evmole.storage) {
    const array = elementOf.get(record.slot)
    const ref = { slot: record.slot, type: array === undefined ? record.type : `${ELEMENT_OF}${array}` }
    if (record.type === 'address') addressSlots.add(record.slot)
    for (const selector of record.reads) push(reads, selector, ref)
    for (const selector of record.writes) push(writes, selector, ref)
  }
  const functions = evmole.functions.map((fn): FunctionSummary => {
    const blocks = reachableBlocks(evmole.blocks, fn.bytecodeOffset)
    const facts = blocks === undefined ? whole : factsOfBlocks(code, evmole.blocks, blocks)
    return {
      selector: fn.selector,
      argumentTypes: splitTypes(fn.arguments),
      mutability: fn.stateMutability,
      reads: uniqueSlots(reads.get(fn.selector)),
      writes: uniqueSlots(writes.get(fn.selector)),
      calls: facts.call,
      staticcalls: facts.staticcall,
      delegatecalls: facts.delegatecall,
      readsBalance: facts.readsBalance,
      readsCoinbaseBalance: facts.readsCoinbaseBalance,
      addressConstants: [...facts.addressConstants],
      selectorConstants: [...facts.selectorConstants],
      precise: blocks !== undefined,
    }
  })
  return { ...base, analyzed: true, functions, addressSlots: [...addressSlots] }
}

function factsOfBlocks(code: Uint8Array, all: ReadonlyMap<number, CfgBlock>, ids: ReadonlySet<number>): CodeFacts {
  const facts = emptyCodeFacts()
  for (const id of ids) {
    const block = all.get(id)!
    for (const instruction of instructions(code, block.start, block.end)) addInstruction(facts, instruction)
  }
  return facts
}
function push(map: Map<string, StorageRef[]>, selector: string, ref: StorageRef): void {
  let list = map.get(selector)
  if (list === undefined) map.set(selector, (list = []))
  list.push(ref)
}

/** Packed variables share a slot: one reference per slot (a mapping type wins over a value type). */
function uniqueSlots(refs: readonly StorageRef[] | undefined): StorageRef[] {
  const bySlot = new Map<string, StorageRef>()
  for (const ref of refs ?? []) {
    const known = bySlot.get(ref.slot)
    if (known === undefined || (!known.type.startsWith('mapping') && ref.type.startsWith('mapping'))) bySlot.set(ref.slot, ref)
  }
  return [...bySlot.values()]
}

/** `address,(uint256,address)[],bytes` → top-level types. */
export function splitTypes(list: string): string[] {
  const types: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const char = list[i]
    if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === ',' && depth === 0) {
      types.push(list.slice(start, i))
      start = i + 1
    }
  }
  if (list.length > 0) types.push(list.slice(start))
  return types
}
