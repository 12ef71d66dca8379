/**
 * The state location an outermost-frame instruction is about to read, from
 * the operands on its stack, or undefined for instructions whose reads
 * happen in another frame (the CALL and CREATE families) or are not one
 * location. Used before the instruction runs, to ask the multi-version
 * memory whether that read could be invalidated.
 */
import { bigintToBytes } from '../../src/shared/preState.js'
import { type LocationKey, balanceKey, codeKey, storageKey } from '../../src/shared/locations.js'
import type { RunStateInternals } from './frameState.js'

const SLOAD = 0x54
const SSTORE = 0x55
const BALANCE = 0x31
const EXTCODESIZE = 0x3b
const EXTCODECOPY = 0x3c
const EXTCODEHASH = 0x3f
const ADDRESS_MASK = (1n << 160n) - 1n

/**
 * Opcodes of the outermost frame before which a read checkpoint may be
 * taken: state reads and calls. SELFBALANCE is not one: it has no gas
 * handler to hook (interpreterHooks.ts).
 */
export const READING_OPCODES: Uint8Array = (() => {
  const table = new Uint8Array(256)
  for (const op of [BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, SLOAD, SSTORE, 0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa, 0xff]) table[op] = 1
  return table
})()

export function locationReadBy(run: RunStateInternals, selfAddress: Uint8Array): LocationKey | undefined {
  const stack = run.stack
  if (stack._len === 0) return undefined
  const top = stack._store[stack._len - 1]!
  switch (run.opCode) {
    case SLOAD:
    case SSTORE:
      return storageKey(selfAddress, bigintToBytes(top, 32))
    case BALANCE:
      return balanceKey(bigintToBytes(top & ADDRESS_MASK, 20))
    case EXTCODESIZE:
    case EXTCODECOPY:
    case EXTCODEHASH:
      return codeKey(bigintToBytes(top & ADDRESS_MASK, 20))
    default:
      return undefined
  }
}
