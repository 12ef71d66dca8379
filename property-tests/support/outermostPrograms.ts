/**
 * Blocks of random straight-line programs that do everything in their
 * outermost frame — where read checkpoints are taken — so that a resumed
 * execution has real state to get right: storage reads kept in memory and on
 * the stack, storage writes, balance and code reads, calls with and without
 * value (their own reads happen in a nested frame), logs, hashing, transient
 * storage, refunds, gas-dependent values, and every way a frame ends (STOP, RETURN,
 * REVERT, an invalid instruction).
 *
 * A few programs are shared by all the block's transactions (each call
 * passes its own word), as are their storage slots, a counter contract and
 * a few hot accounts that plain transfers also pay: reads conflict often,
 * at every point of a program.
 */
import fc from 'fast-check'

import { type MockBlock, word } from '../../bench/generators/mockBlock.js'

export type Op =
  | { readonly op: 'sload'; readonly slot: number }
  | { readonly op: 'sstore'; readonly slot: number }
  | { readonly op: 'sclear'; readonly slot: number }
  | { readonly op: 'balance'; readonly hot: number }
  | { readonly op: 'selfbalance' }
  | { readonly op: 'extcodesize'; readonly program: number }
  | { readonly op: 'callCounter'; readonly value: number }
  | { readonly op: 'payHot'; readonly hot: number }
  | { readonly op: 'log'; readonly slot: number }
  | { readonly op: 'hash'; readonly rounds: number }
  | { readonly op: 'transient'; readonly slot: number }
  | { readonly op: 'gas' }
  | { readonly op: 'returndata' }

export type Ending = 'stop' | 'return' | 'revert' | 'invalid'

export interface Program {
  readonly ops: readonly Op[]
  readonly ending: Ending
}

export interface ProgramTx {
  readonly sender: number
  /** A program (index) or a hot account (plain transfer). */
  readonly to: { readonly kind: 'program'; readonly index: number } | { readonly kind: 'hot'; readonly index: number }
  readonly value: number
  readonly input: number
}

export interface ProgramBlock {
  readonly programs: readonly Program[]
  readonly txs: readonly ProgramTx[]
}

const SLOTS = 4
const HOT_ACCOUNTS = 3
const PROGRAMS = 2
const SENDERS = 4

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('sload' as const), slot: fc.nat(SLOTS - 1) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('sstore' as const), slot: fc.nat(SLOTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('sclear' as const), slot: fc.nat(SLOTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('balance' as const), hot: fc.nat(HOT_ACCOUNTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('selfbalance' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('extcodesize' as const), program: fc.nat(PROGRAMS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('callCounter' as const), value: fc.constantFrom(0, 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('payHot' as const), hot: fc.nat(HOT_ACCOUNTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('log' as const), slot: fc.nat(SLOTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('hash' as const), rounds: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transient' as const), slot: fc.nat(SLOTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('gas' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('returndata' as const) }) },
)

const program: fc.Arbitrary<Program> = fc.record({
  ops: fc.array(op, { minLength: 2, maxLength: 16 }),
  ending: fc.constantFrom<Ending>('stop', 'stop', 'return', 'return', 'return', 'revert', 'invalid'),
})

const programTx: fc.Arbitrary<ProgramTx> = fc.record({
  sender: fc.nat(SENDERS - 1),
  to: fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('program' as const), index: fc.nat(PROGRAMS - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('hot' as const), index: fc.nat(HOT_ACCOUNTS - 1) }) },
  ),
  value: fc.constantFrom(0, 0, 7),
  input: fc.nat(1_000),
})

export const programBlock: fc.Arbitrary<ProgramBlock> = fc.record({
  programs: fc.array(program, { minLength: PROGRAMS, maxLength: PROGRAMS }),
  txs: fc.array(programTx, { minLength: 5, maxLength: 12 }),
})

/** The block as a MockBlock (the caller writes it and loads it). */
export function buildProgramBlock(model: ProgramBlock, block: MockBlock): void {
  const senders = Array.from({ length: SENDERS }, () => block.fundedKey())
  const hot = Array.from({ length: HOT_ACCOUNTS }, () => block.fundedKey().address)
  // The counter: counter += 1, reads a hot account's balance (reads in a nested frame), returns the count.
  const counter = block.deploy(`0x${push20(hot[0]!)}31505f546001015f555f545f5260205ff3`)
  const slots = Object.fromEntries(Array.from({ length: SLOTS }, (_, slot) => [word(BigInt(slot)), word(BigInt(slot + 1))]))
  const programAddresses: string[] = []
  // Addresses are assigned in order (0xcc…01 is the counter), so a program can name another before it exists.
  const addressOfProgram = (index: number) => '0x' + 'cc'.repeat(12) + (index + 2).toString(16).padStart(16, '0')
  for (const [index, { ops, ending }] of model.programs.entries()) {
    const code = ops.map((step, at) => assemble(step, at, { counter, hot, program: addressOfProgram })).join('') + endWith(ending)
    const address = block.deploy(`0x${code}`, slots)
    if (address !== addressOfProgram(index)) throw new Error(`program ${index} was placed at ${address}`)
    programAddresses.push(address)
  }
  for (const tx of model.txs) {
    const to = tx.to.kind === 'program' ? programAddresses[tx.to.index]! : hot[tx.to.index]!
    block.send(senders[tx.sender]!, { to, value: BigInt(tx.value), data: `0x${word(BigInt(tx.input))}`, gasLimit: 400_000n })
  }
}

interface Targets {
  readonly counter: string
  readonly hot: readonly string[]
  readonly program: (index: number) => string
}

/** One step as bytecode (hex). `at` varies memory offsets (from 0x100), so memory holds many of the values read. */
function assemble(step: Op, at: number, targets: Targets): string {
  const offset = push2(0x100 + 32 * at)
  switch (step.op) {
    case 'sload':
      return `${push1(step.slot)}54${offset}52` // SLOAD, MSTORE
    case 'sstore':
      return `5f35${push1(step.slot)}5401${push1(step.slot)}5c01600101${push1(step.slot)}55` // calldata[0] + SLOAD + TLOAD + 1 → SSTORE
    case 'sclear':
      return `5f${push1(step.slot)}55` // SSTORE 0: a refund when the slot held something
    case 'balance':
      return `${push20(targets.hot[step.hot]!)}31` // left on the stack
    case 'selfbalance':
      return `47${offset}52`
    case 'extcodesize':
      return `${push20(targets.program(step.program))}3b`
    case 'callCounter':
      return `5f5f5f5f${push1(step.value)}${push20(targets.counter)}5af1` // CALL, success left on the stack
    case 'payHot':
      return `5f5f5f5f6001${push20(targets.hot[step.hot]!)}5af1`
    case 'log':
      return `${push1(step.slot)}5461${(32 * 16).toString(16).padStart(4, '0')}${push2(0x100)}a1` // LOG1 of all the memory steps write, topic SLOAD
    case 'hash':
      return `${'60405f205f52'.repeat(step.rounds)}` // mem[0] = keccak(mem[0..64])
    case 'transient':
      return `${push1(step.slot)}5c80${offset}525f3501600101${push1(step.slot)}5d` // TLOAD → MSTORE, then TSTORE(it + calldata[0] + 1)
    case 'gas':
      return `5a${offset}52`
    case 'returndata':
      return `3d80${offset}52${push1(SLOTS - 1)}55` // RETURNDATASIZE of the last call → memory and the last slot
  }
}

function endWith(ending: Ending): string {
  switch (ending) {
    case 'stop':
      return '00'
    case 'return':
      return `${push2(0x200)}5ff3`
    case 'revert':
      return `${push1(0x40)}5ffd`
    case 'invalid':
      return 'fe'
  }
}

function push1(value: number): string {
  if (value > 0xff) throw new RangeError(`push1(${value})`)
  return `60${value.toString(16).padStart(2, '0')}`
}

function push2(value: number): string {
  return `61${value.toString(16).padStart(4, '0')}`
}

function push20(address: string): string {
  return `73${address.replace(/^0x/, '').toLowerCase()}`
}
