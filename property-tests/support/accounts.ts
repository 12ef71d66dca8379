/**
 * The externally owned accounts of generated blocks (fixed keys per index,
 * so a shrunk block names the same accounts as the block it came from), the
 * beneficiary, and a few addresses that no pre-state holds.
 */
import { privateToAddress } from '@ethereumjs/util'

export const MAX_EOAS = 6

/** An address no transaction signs for: the beneficiary when it is not EOA 0. */
export const COINBASE = '0x' + 'c0'.repeat(20)

const keys = Array.from({ length: MAX_EOAS }, (_, index) => {
  const privateKey = new Uint8Array(32)
  privateKey[0] = 0x5e
  privateKey[31] = index + 1
  return { privateKey, address: '0x' + Buffer.from(privateToAddress(privateKey)).toString('hex') }
})

export function eoaKey(index: number): Uint8Array {
  return keys[index % MAX_EOAS]!.privateKey
}

export function eoaAddress(index: number): string {
  return keys[index % MAX_EOAS]!.address
}

/** Addresses absent from every pre-state (a transfer there creates the account). */
export function freshAddress(index: number): string {
  return '0x' + 'f7'.repeat(19) + (index & 0xff).toString(16).padStart(2, '0')
}

export function precompileAddress(number: number): string {
  return '0x' + number.toString(16).padStart(40, '0')
}
