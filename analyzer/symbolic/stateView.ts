/**
 * The pre-block state as the static pass reads it: code, code hashes and
 * storage words by address. Only proxy implementation slots and stored
 * addresses are read from it; the static pass never executes anything.
 */
import { addressChars, slotChars } from '../../src/shared/locations.js'
import { EMPTY_CODE_HASH, type PreState } from '../../src/shared/preState.js'

const EMPTY = new Uint8Array(0)

export class StateView {
  constructor(private readonly preState: PreState) {}

  code(address: Uint8Array): Uint8Array {
    return this.preState.get(addressChars(address))?.code ?? EMPTY
  }

  codeHash(address: Uint8Array): Uint8Array {
    return this.preState.get(addressChars(address))?.codeHash ?? EMPTY_CODE_HASH
  }

  hasCode(address: Uint8Array): boolean {
    return this.code(address).length > 0
  }

  /** The slot's value, minimal big-endian bytes (empty = zero). */
  storage(address: Uint8Array, slot: Uint8Array): Uint8Array {
    return this.preState.get(addressChars(address))?.storage.get(slotChars(slot)) ?? EMPTY
  }

  /** The slot read as an address (its low 20 bytes), or undefined when the slot is zero or wider than an address. */
  storedAddress(address: Uint8Array, slot: Uint8Array): Uint8Array | undefined {
    return addressFromWord(this.storage(address, slot))
  }
}

/** A word (any length up to 32, big-endian) as an address, if it is a non-zero value below 2^160. */
export function addressFromWord(word: Uint8Array): Uint8Array | undefined {
  if (word.length === 0 || word.length > 32) return undefined
  const padded = new Uint8Array(32)
  padded.set(word, 32 - word.length)
  if (padded.subarray(0, 12).some((byte) => byte !== 0)) return undefined
  const address = padded.slice(12)
  return address.some((byte) => byte !== 0) ? address : undefined
}
