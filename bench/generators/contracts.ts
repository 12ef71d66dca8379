/**
 * The contracts the mocked blocks use: the vendored ERC20 runtime code
 * (fixtures/contracts/ERC20Token.hex, OpenZeppelin layout) and the ones
 * compiled from contracts/*.sol (see contracts/compile.mjs), with the storage
 * slots the generators lay out in the pre-state.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { mappingSlot, slotFromHex } from '../../analyzer/symbolic/mappingSlot.js'
import { projectRoot } from '../../src/shared/projectRoot.js'
import { word } from './mockBlock.js'

/** Function selectors (first 4 bytes of keccak256 of the signature). */
export const SELECTORS = {
  transfer: 'a9059cbb', // transfer(address,uint256)
  swap: '4312ae31', // swap(uint256,bool,uint256)
  look: '6c050eae', // look()
} as const

export const MAX_UINT256 = (1n << 256n) - 1n

export function erc20Code(): string {
  return '0x' + readFileSync(join(projectRoot(), 'fixtures', 'contracts', 'ERC20Token.hex'), 'utf8').trim().replace(/^0x/, '')
}

export function compiledCode(contract: 'ConstantProductPair' | 'CoinbaseReader' | 'LateCounter' | 'LateRouter'): string {
  const path = join(projectRoot(), 'bench', 'generators', 'contracts', `${contract}.json`)
  return (JSON.parse(readFileSync(path, 'utf8')) as { runtimeBytecode: string }).runtimeBytecode
}

/** ERC20Token layout: 0 balances, 1 allowances, 2 totalSupply. */
export const ERC20_SLOTS = { balances: 0n, allowances: 1n, totalSupply: 2n } as const

function hexSlot(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes).toString('hex')
}

/** The storage slot of `mapping[key]` for a mapping at `slot` (Solidity layout), as 0x-hex. */
export function mappingSlotHex(key: string, slot: bigint): string {
  return hexSlot(mappingSlot(slotFromHex(word(key)), slotFromHex(word(slot))))
}

/** `mapping[outer][inner]` for a nested mapping at `slot`. */
export function nestedMappingSlotHex(outer: string, inner: string, slot: bigint): string {
  return hexSlot(mappingSlot(slotFromHex(word(inner)), mappingSlot(slotFromHex(word(outer)), slotFromHex(word(slot)))))
}

export function slotHex(slot: bigint): string {
  return '0x' + word(slot)
}

export function valueHex(value: bigint): string {
  return '0x' + value.toString(16)
}
