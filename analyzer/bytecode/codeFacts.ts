/**
 * What a stretch of bytecode does that evmole's summary does not say: which
 * kinds of call it makes, which address constants (PUSH20, or PUSH32 with
 * twelve leading zero bytes: how solc embeds `immutable` addresses) and
 * 4-byte constants (selectors of the functions it calls: PUSH4, or PUSH32
 * with the selector in the top bytes, as `abi.encodeWithSelector` compiles) it pushes, whether
 * it reads a balance (the beneficiary's: `COINBASE BALANCE`), and which 32-byte constants it pushes and which
 * constants it SLOADs directly (candidate proxy implementation slots).
 */
import { type Instruction, Op } from './opcodes.js'

export interface CodeFacts {
  /** CALL or CALLCODE: may call another contract and move value. */
  call: boolean
  staticcall: boolean
  delegatecall: boolean
  create: boolean
  readsBalance: boolean
  /** `block.coinbase.balance`: COINBASE, optionally masked (PUSH ff…ff AND), then BALANCE. */
  readsCoinbaseBalance: boolean
  sstore: boolean
  /** 40 hex digits each, no 0x. */
  addressConstants: Set<string>
  /** 8 hex digits each. */
  selectorConstants: Set<string>
  /** 64 hex digits each: PUSH32 values that are not addresses. */
  wordConstants: Set<string>
  /** 64 hex digits each: constants pushed right before an SLOAD (`PUSH0 SLOAD`, `PUSH32 slot SLOAD`). */
  sloadConstants: Set<string>
  /** The value the previous instruction pushed (PUSH0: empty), if it was a push. */
  previousPush: Uint8Array | undefined
  /** Instructions since COINBASE that keep its value on top (a mask: PUSH then AND), or -1. */
  coinbaseOnTop: number
}

export function emptyCodeFacts(): CodeFacts {
  return {
    call: false,
    staticcall: false,
    delegatecall: false,
    create: false,
    readsBalance: false,
    readsCoinbaseBalance: false,
    sstore: false,
    addressConstants: new Set(),
    selectorConstants: new Set(),
    wordConstants: new Set(),
    sloadConstants: new Set(),
    previousPush: undefined,
    coinbaseOnTop: -1,
  }
}

export function addInstruction(facts: CodeFacts, instruction: Instruction): void {
  const previous = facts.previousPush
  facts.previousPush = instruction.op === Op.PUSH0 ? EMPTY : instruction.push
  if (instruction.op === Op.SLOAD && previous !== undefined) facts.sloadConstants.add(hex(previous).padStart(64, '0'))
  followCoinbase(facts, instruction.op)
  addOperation(facts, instruction)
}

/** COINBASE [PUSHn mask, AND] BALANCE: how solc compiles `block.coinbase.balance` (with or without the address mask). */
function followCoinbase(facts: CodeFacts, op: number): void {
  const step = facts.coinbaseOnTop
  if (op === Op.COINBASE) facts.coinbaseOnTop = 0
  else if (step === 0 && op >= Op.PUSH1 && op <= Op.PUSH32) facts.coinbaseOnTop = 1
  else if (step === 1 && op === Op.AND) facts.coinbaseOnTop = 2
  else {
    if (op === Op.BALANCE && (step === 0 || step === 2)) facts.readsCoinbaseBalance = true
    facts.coinbaseOnTop = -1
  }
}

const EMPTY = new Uint8Array(0)

function addOperation(facts: CodeFacts, { op, push }: Instruction): void {
  switch (op) {
    case Op.CALL:
    case Op.CALLCODE:
      facts.call = true
      return
    case Op.STATICCALL:
      facts.staticcall = true
      return
    case Op.DELEGATECALL:
      facts.delegatecall = true
      return
    case Op.CREATE:
    case Op.CREATE2:
      facts.create = true
      return
    case Op.BALANCE:
    case Op.SELFBALANCE:
      facts.readsBalance = true
      return
    case Op.SSTORE:
      facts.sstore = true
      return
  }
  // Push data cut short by the end of the code is not a constant.
  if (push === undefined || push.length !== op - Op.PUSH1 + 1) return
  if (op === Op.PUSH4) facts.selectorConstants.add(hex(push))
  else if (op === Op.PUSH20) addAddress(facts, push)
  else if (op === Op.PUSH32) {
    if (push.subarray(0, 12).every((byte) => byte === 0)) addAddress(facts, push.subarray(12))
    else if (push.subarray(4).every((byte) => byte === 0)) facts.selectorConstants.add(hex(push.subarray(0, 4)))
    else facts.wordConstants.add(hex(push))
  }
}

function addAddress(facts: CodeFacts, address: Uint8Array): void {
  if (looksLikeAddress(address)) facts.addressConstants.add(hex(address))
}

/** 20 bytes that are not a small number (a mask, a precompile, an amount): at least one of the first 8 bytes is set. */
export function looksLikeAddress(address: Uint8Array): boolean {
  for (let i = 0; i < 8; i++) if (address[i] !== 0) return true
  return false
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}
