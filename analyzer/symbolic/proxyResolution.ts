/**
 * Where a proxy's logic lives, read from the pre-block state. Tried in order,
 * only for code that DELEGATECALLs (EIP-1167 clones and EIP-7702 delegations
 * are recognised from the code itself, see `minimalProxy.ts`):
 *
 *   1. EIP-1967 implementation slot    keccak("eip1967.proxy.implementation") - 1
 *   2. OpenZeppelin (zos) legacy slot  keccak("org.zeppelinos.proxy.implementation")
 *   3. EIP-1822 (UUPS, PROXIABLE)      keccak("PROXIABLE")
 *   4. EIP-1967 beacon slot            keccak("eip1967.proxy.beacon") - 1, then the beacon's
 *                                      implementation() (selector 5c60da1b) read from its storage
 *   5. constants the code SLOADs directly (`PUSH0 SLOAD`: Gnosis Safe's masterCopy at slot 0)
 *   6. slots evmole saw used as addresses, then any other 32-byte constant (custom proxies)
 *   7. an address constant in the code (an immutable implementation)
 *
 * A candidate counts only if it holds an address that has code. The slots
 * read to find it are predicted reads of the transaction.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import { type LocationKey, codeKey, storageKey } from '../../src/shared/locations.js'
import type { BytecodeSummary } from '../bytecode/bytecodeSummary.js'
import type { SummaryCache } from '../bytecode/summaryCache.js'
import { slotFromHex } from './mappingSlot.js'
import type { StateView } from './stateView.js'

export interface Implementation {
  readonly address: Uint8Array
  /** The locations read to find it. */
  readonly reads: readonly LocationKey[]
}

const EIP1967_IMPLEMENTATION = minusOne(keccak_256(new TextEncoder().encode('eip1967.proxy.implementation')))
const ZEPPELINOS_IMPLEMENTATION = keccak_256(new TextEncoder().encode('org.zeppelinos.proxy.implementation'))
const EIP1822_PROXIABLE = keccak_256(new TextEncoder().encode('PROXIABLE'))
const EIP1967_BEACON = minusOne(keccak_256(new TextEncoder().encode('eip1967.proxy.beacon')))
const BEACON_IMPLEMENTATION_SELECTOR = '5c60da1b'

export const KNOWN_IMPLEMENTATION_SLOTS: readonly Uint8Array[] = [EIP1967_IMPLEMENTATION, ZEPPELINOS_IMPLEMENTATION, EIP1822_PROXIABLE]

export function resolveImplementation(
  proxy: Uint8Array,
  summary: BytecodeSummary,
  state: StateView,
  summaries: SummaryCache,
): Implementation | undefined {
  if (!summary.delegatecalls) return undefined
  for (const slot of KNOWN_IMPLEMENTATION_SLOTS) {
    const found = contractAt(proxy, slot, state)
    if (found !== undefined) return found
  }
  const beacon = contractAt(proxy, EIP1967_BEACON, state)
  if (beacon !== undefined) {
    const behind = beaconImplementation(beacon.address, state, summaries)
    if (behind !== undefined) return { address: behind.address, reads: [...beacon.reads, codeKey(beacon.address), ...behind.reads] }
  }
  for (const hex of [...summary.sloadConstants, ...summary.addressSlots, ...summary.wordConstants]) {
    const found = contractAt(proxy, slotFromHex(hex), state)
    if (found !== undefined) return found
  }
  for (const hex of summary.addressConstants) {
    const address = Uint8Array.from(Buffer.from(hex, 'hex'))
    if (state.hasCode(address)) return { address, reads: [] }
  }
  return undefined
}

function beaconImplementation(beacon: Uint8Array, state: StateView, summaries: SummaryCache): Implementation | undefined {
  const loaded = summaries.get(state.code(beacon), state.codeHash(beacon))
  const getter = loaded.functions.get(BEACON_IMPLEMENTATION_SELECTOR)
  for (const ref of getter?.reads ?? []) {
    if (ref.type !== 'address') continue
    const found = contractAt(beacon, slotFromHex(ref.slot), state)
    if (found !== undefined) return found
  }
  return undefined
}

function contractAt(holder: Uint8Array, slot: Uint8Array, state: StateView): Implementation | undefined {
  const address = state.storedAddress(holder, slot)
  if (address === undefined || !state.hasCode(address)) return undefined
  return { address, reads: [storageKey(holder, slot)] }
}

function minusOne(word: Uint8Array): Uint8Array {
  const result = Uint8Array.from(word)
  for (let i = 31; i >= 0; i--) {
    if (result[i]! > 0) {
      result[i]!--
      break
    }
    result[i] = 0xff
  }
  return result
}
