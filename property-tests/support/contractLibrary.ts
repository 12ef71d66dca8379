/**
 * The property tests' contract library: the Solidity in
 * fixtures/property/contracts, compiled once into compiled.json (tests never
 * run the compiler), each deployed at a fixed address in every generated
 * pre-state, plus the storage-slot arithmetic the pre-states need.
 */
import { readFileSync } from 'node:fs'

import { keccak_256 } from '@noble/hashes/sha3.js'

import { type AbiValue, encodeCall } from './abi.js'

export interface CompiledContract {
  readonly source: string
  readonly creation: string
  readonly runtime: string
  readonly selectors: Readonly<Record<string, string>>
  /** State variable → its (base) slot, from solc's storage layout. */
  readonly storage: Readonly<Record<string, number>>
}

const compiled = JSON.parse(readFileSync(new URL('../../fixtures/property/contracts/compiled.json', import.meta.url), 'utf8')) as {
  compiler: string
  contracts: Record<string, CompiledContract>
}

export const COMPILER = compiled.compiler

export function contract(name: string): CompiledContract {
  const found = compiled.contracts[name]
  if (found === undefined) throw new Error(`no compiled contract ${name} in fixtures/property/contracts/compiled.json`)
  return found
}

/** Every contract instance of a generated block, at fixed addresses. */
export const DEPLOYMENTS = {
  counter: 'Counter',
  counterV2: 'CounterV2',
  tokenA: 'Token',
  tokenB: 'Token',
  pair: 'Pair',
  router: 'Router',
  proxy: 'Proxy',
  factory: 'Factory',
  relic: 'Child', // a pre-existing contract that can self-destruct
  cashier: 'Cashier',
  burner: 'Burner',
  caller: 'Caller',
  hasher: 'Hasher',
  chronicle: 'Chronicle',
  transient: 'Transient',
  blobs: 'Blobs',
} as const satisfies Record<string, string>

export type Deployment = keyof typeof DEPLOYMENTS

export const DEPLOYMENT_NAMES = Object.keys(DEPLOYMENTS) as Deployment[]

export function addressOf(deployment: Deployment): string {
  return '0x' + 'cc'.repeat(18) + (DEPLOYMENT_NAMES.indexOf(deployment) + 1).toString(16).padStart(4, '0')
}

/** Calldata for `deployment.signature(args)`, with the selector from the compiled output. */
export function calldata(deployment: Deployment, signature: string, args: readonly AbiValue[] = []): string {
  return callOn(DEPLOYMENTS[deployment], signature, args)
}

export function callOn(contractName: string, signature: string, args: readonly AbiValue[] = []): string {
  const selector = contract(contractName).selectors[signature]
  if (selector === undefined) throw new Error(`${contractName} has no function ${signature}`)
  return encodeCall(selector, signature, args)
}

export function slotOf(deployment: Deployment, variable: string): bigint {
  const slot = contract(DEPLOYMENTS[deployment]).storage[variable]
  if (slot === undefined) throw new Error(`${DEPLOYMENTS[deployment]} has no state variable ${variable}`)
  return BigInt(slot)
}

/** The slot of `mapping[key]` for a mapping at `slot` (keys: addresses or numbers). */
export function mappingSlot(slot: bigint, key: string | bigint): bigint {
  const keyWord = typeof key === 'string' ? key.slice(2).toLowerCase().padStart(64, '0') : key.toString(16).padStart(64, '0')
  const preimage = Buffer.from(keyWord + slot.toString(16).padStart(64, '0'), 'hex')
  return BigInt('0x' + Buffer.from(keccak_256(preimage)).toString('hex'))
}

/** EIP-1967's implementation slot, as the Proxy uses it. */
export const IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbcn

/** CREATE2's address: keccak256(0xff ++ deployer ++ salt ++ keccak256(initCode))[12:]. */
export function create2Address(deployer: string, salt: bigint, initCode: string): string {
  const initHash = Buffer.from(keccak_256(Buffer.from(initCode.slice(2), 'hex'))).toString('hex')
  const preimage = Buffer.from('ff' + deployer.slice(2) + salt.toString(16).padStart(64, '0') + initHash, 'hex')
  return '0x' + Buffer.from(keccak_256(preimage)).toString('hex').slice(24)
}

export type { AbiValue }
