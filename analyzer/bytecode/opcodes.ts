/** The few opcodes the bytecode pass looks at, and a walk over instructions that skips push data. */

export const Op = {
  STOP: 0x00,
  BALANCE: 0x31,
  CALLER: 0x33,
  CALLDATALOAD: 0x35,
  COINBASE: 0x41,
  SELFBALANCE: 0x47,
  AND: 0x16,
  SLOAD: 0x54,
  SSTORE: 0x55,
  JUMPDEST: 0x5b,
  PUSH0: 0x5f,
  PUSH1: 0x60,
  PUSH4: 0x63,
  PUSH20: 0x73,
  PUSH32: 0x7f,
  CREATE: 0xf0,
  CALL: 0xf1,
  CALLCODE: 0xf2,
  DELEGATECALL: 0xf4,
  CREATE2: 0xf5,
  STATICCALL: 0xfa,
  SELFDESTRUCT: 0xff,
} as const

export interface Instruction {
  readonly pc: number
  readonly op: number
  /** The pushed bytes for PUSH1..PUSH32 (a view into the code), else undefined. */
  readonly push: Uint8Array | undefined
}

/** Instructions whose pc lies in [start, end] (inclusive), in order. */
export function* instructions(code: Uint8Array, start = 0, end = code.length - 1): Generator<Instruction> {
  let pc = start
  while (pc <= end && pc < code.length) {
    const op = code[pc]!
    if (op >= Op.PUSH1 && op <= Op.PUSH32) {
      const size = op - Op.PUSH1 + 1
      yield { pc, op, push: code.subarray(pc + 1, pc + 1 + size) }
      pc += 1 + size
    } else {
      yield { pc, op, push: undefined }
      pc += 1
    }
  }
}
