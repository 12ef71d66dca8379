/**
 * Each generated action as the transaction that performs it: recipient,
 * calldata (or init code), value, and a gas limit that is ample for it.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

import { eoaKey } from './accounts.js'
import type { Action, InitCode, InnerCall, Party } from './blockModel.js'
import { addressOf, callOn, calldata, contract, create2Address } from './contractLibrary.js'
import { signSecp256k1 } from './signing.js'

export interface Call {
  /** Undefined: a creation transaction (`data` is the init code). */
  readonly to: string | undefined
  readonly data: string
  readonly value: bigint
  readonly gas: bigint
}

export type PartyAddress = (party: Party) => string

export function actionCall(action: Action, address: PartyAddress): Call {
  const call = (to: string, data: string, gas: number, value = 0n): Call => ({ to, data, value, gas: BigInt(gas) })
  switch (action.kind) {
    case 'transfer': {
      const plain = action.to.kind === 'eoa' || action.to.kind === 'coinbase' || action.to.kind === 'fresh'
      return call(address(action.to), '0x', plain ? 21_000 : 120_000, action.value)
    }
    case 'counter': {
      const to = addressOf(action.viaProxy ? 'proxy' : 'counter')
      const data =
        action.fn === 'add'
          ? callOn('Counter', 'add(uint256,uint256)', [action.key, action.amount])
          : callOn('Counter', `${action.fn}(uint256)`, [action.key])
      return call(to, data, 120_000)
    }
    case 'upgrade':
      return call(addressOf('proxy'), calldata('proxy', 'upgradeTo(address)', [addressOf(action.toV2 ? 'counterV2' : 'counter')]), 60_000)
    case 'tokenTransfer':
      return call(addressOf(action.token), calldata(action.token, 'transfer(address,uint256)', [address(action.to), action.amount]), 120_000)
    case 'tokenApprove':
      return call(addressOf(action.token), calldata(action.token, 'approve(address,uint256)', [address(action.spender), action.amount]), 80_000)
    case 'tokenTransferFrom':
      return call(
        addressOf(action.token),
        calldata(action.token, 'transferFrom(address,address,uint256)', [address(action.from), address(action.to), action.amount]),
        120_000,
      )
    case 'tokenMint':
      return call(addressOf(action.token), calldata(action.token, 'mint(address,uint256)', [address(action.to), action.amount]), 120_000)
    case 'swap':
      return call(
        addressOf('router'),
        calldata('router', 'swapExactIn(address,bool,uint256,uint256,address)', [addressOf('pair'), action.zeroForOne, action.amountIn, action.minOut, address(action.to)]),
        300_000,
      )
    case 'create2Child':
      return call(addressOf('factory'), calldata('factory', 'create2Child(bytes32)', [saltWord(action.salt)]), 400_000, action.value)
    case 'createChild':
      return call(addressOf('factory'), calldata('factory', 'createChild()'), 400_000, action.value)
    case 'createAndDestroy':
      return call(addressOf('factory'), calldata('factory', 'createAndDestroy(bytes32,address)', [saltWord(action.salt), address(action.beneficiary)]), 500_000, action.value)
    case 'createPlainAndDestroy':
      return call(addressOf('factory'), calldata('factory', 'createPlainAndDestroy(address)', [address(action.beneficiary)]), 500_000, action.value)
    case 'destroyChild':
      return call(addressOf('factory'), calldata('factory', 'destroyChild(address,address)', [childAddress(action.salt), address(action.beneficiary)]), 120_000)
    case 'pingChild':
      return call(childAddress(action.salt), callOn('Child', 'ping()'), 80_000, action.value)
    case 'destroyRelic':
      return call(addressOf('relic'), calldata('relic', 'destroy(address)', [address(action.beneficiary)]), 80_000)
    case 'pingRelic':
      return call(addressOf('relic'), calldata('relic', 'ping()'), 80_000, action.value)
    case 'cashier':
      return call(addressOf('cashier'), calldata('cashier', `${action.fn}()`), 100_000, action.fn === 'payCoinbase' ? action.value : 0n)
    case 'inspect':
      return call(addressOf('cashier'), calldata('cashier', 'inspect(address)', [address(action.who)]), 100_000)
    case 'cashierRecordBalance':
      return call(addressOf('cashier'), calldata('cashier', 'recordBalance(address)', [address(action.who)]), 100_000)
    case 'cashierPay':
      return call(addressOf('cashier'), calldata('cashier', 'pay(address)', [address(action.to)]), 120_000, action.value)
    case 'cashierSplit':
      return call(addressOf('cashier'), calldata('cashier', 'split(address,address)', [address(action.a), address(action.b)]), 120_000, action.value)
    case 'cashierPayOut':
      return call(addressOf('cashier'), calldata('cashier', 'payOut(address,uint256)', [address(action.to), action.amount]), 100_000)
    case 'callWithGas': {
      const inner = innerCall(action.inner, address)
      return call(addressOf('caller'), calldata('caller', 'callWithGas(address,uint256,bytes)', [inner.to, action.gas, inner.data]), 120_000 + action.gas)
    }
    case 'callThenRevert': {
      const inner = innerCall(action.inner, address)
      return call(addressOf('caller'), calldata('caller', 'callThenRevert(address,bytes)', [inner.to, inner.data]), 500_000)
    }
    case 'burn':
      return call(addressOf('burner'), calldata('burner', 'burn(uint256)', [action.rounds]), 60_000 + 26_000 * action.rounds)
    case 'shaOfCounter':
      return call(addressOf('hasher'), calldata('hasher', 'shaOfCounter(address,uint256)', [addressOf('counter'), action.key]), 100_000)
    case 'recover': {
      const digest = keccak_256(Buffer.from(`pevm property ${action.signer}`))
      const signature = signSecp256k1(digest, eoaKey(action.signer))
      const s = action.corrupt ? Uint8Array.from(signature.s, (byte, i) => (i === 31 ? byte ^ 1 : byte)) : signature.s
      return call(addressOf('hasher'), calldata('hasher', 'recover(bytes32,uint8,bytes32,bytes32)', [hex(digest), signature.v, hex(signature.r), hex(s)]), 100_000)
    }
    case 'ripemd':
      return call(addressOf('hasher'), calldata('hasher', 'ripemd(bytes)', [action.data]), 100_000)
    case 'identity':
      return call(addressOf('hasher'), calldata('hasher', 'identity(bytes)', [action.data]), 100_000)
    case 'blockhash':
      return call(addressOf('chronicle'), calldata('chronicle', 'record(uint256)', [action.back]), 80_000)
    case 'beaconRoot':
      return call(addressOf('chronicle'), calldata('chronicle', 'recordBeaconRoot(uint256)', [action.back]), 100_000)
    case 'blobs':
      return call(addressOf('blobs'), calldata('blobs', 'record()'), 100_000)
    case 'transient':
      return call(addressOf('transient'), calldata('transient', action.twice ? 'pokeTwice(uint256)' : 'poke(uint256)', [action.key]), 150_000)
    case 'deploy':
      return { to: undefined, data: initCode(action.init), value: action.value, gas: action.init === 'looping' ? 200_000n : 1_000_000n }
  }
}

function innerCall(inner: InnerCall, address: PartyAddress): { to: string; data: string } {
  switch (inner.kind) {
    case 'burn':
      return { to: addressOf('burner'), data: calldata('burner', 'burn(uint256)', [inner.rounds]) }
    case 'writeThenRevert':
      return { to: addressOf('burner'), data: calldata('burner', 'writeThenRevert(uint256)', [inner.slot]) }
    case 'increment':
      return { to: addressOf('counter'), data: calldata('counter', 'increment(uint256)', [inner.key]) }
    case 'tokenTransfer':
      return { to: addressOf('tokenA'), data: calldata('tokenA', 'transfer(address,uint256)', [address(inner.to), inner.amount]) }
  }
}

/** Init code of creation transactions, from a full contract to hand-assembled edge cases. */
export function initCode(init: InitCode): string {
  switch (init) {
    case 'counter':
      return contract('Counter').creation
    case 'child':
      return contract('Child').creation
    case 'reverting':
      return '0x60006000fd' // PUSH1 0 PUSH1 0 REVERT
    case 'selfDestructing':
      return '0x41ff' // COINBASE SELFDESTRUCT: the value goes to the beneficiary, the new account is deleted
    case 'looping':
      return '0x5b600056' // JUMPDEST PUSH1 0 JUMP: out of gas
    case 'efPrefixed':
      return '0x60ef60005360016000f3' // returns code 0xEF (rejected from London, EIP-3541)
    case 'empty':
      return '0x'
  }
}

export function saltWord(salt: number): string {
  return '0x' + salt.toString(16).padStart(64, '0')
}

/** Where the factory's CREATE2 child for `salt` lives. */
export function childAddress(salt: number): string {
  return create2Address(addressOf('factory'), BigInt(salt), contract('Child').creation)
}

function hex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes).toString('hex')
}
