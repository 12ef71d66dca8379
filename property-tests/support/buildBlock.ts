/**
 * A generated block model → the contents of a real block directory
 * (block.json with signed transactions, pre_state.json, block_hashes.json):
 * exactly what a user would hand to `pevm run`.
 */
import { type TypedTransaction, createAccessList2930Tx, createBlob4844Tx, createFeeMarket1559Tx, createLegacyTx } from '@ethereumjs/tx'
import type { PrefixedHexString } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

import { type BlockDirectoryContents, type PreStateAccountJson, rpcBlock } from '../../src/blockDirectory/writeBlockDirectory.js'
import { COINBASE, eoaAddress, eoaKey, freshAddress, precompileAddress } from './accounts.js'
import { type Call, actionCall, childAddress } from './actionCalls.js'
import type { BlockModel, Party, TxModel, TxType } from './blockModel.js'
import { DEPLOYMENTS, DEPLOYMENT_NAMES, IMPLEMENTATION_SLOT, addressOf, contract, mappingSlot, slotOf } from './contractLibrary.js'
import { PRE_LONDON_GAS_PRICE, forkHeader, txTypesOf } from './forks.js'
import { signingCommon } from './signing.js'

const MAX_UINT = (1n << 256n) - 1n
const quantity = (value: bigint) => '0x' + value.toString(16)

export interface BuiltBlock {
  readonly contents: BlockDirectoryContents & { readonly blockHashes: Record<string, string> }
  readonly txs: readonly TypedTransaction[]
}

export function coinbaseOf(model: BlockModel): string {
  if (model.coinbase === 'eoa') return eoaAddress(0)
  if (model.coinbase === 'cashier') return addressOf('cashier')
  return COINBASE
}

export function partyAddress(model: BlockModel): (party: Party) => string {
  return (party) => {
    switch (party.kind) {
      case 'eoa':
        return eoaAddress(party.index % model.eoas.length)
      case 'coinbase':
        return coinbaseOf(model)
      case 'fresh':
        return freshAddress(party.index)
      case 'precompile':
        return precompileAddress(party.address)
      case 'contract':
        return addressOf(party.name)
      case 'child':
        return childAddress(party.salt)
    }
  }
}

export function buildBlock(model: BlockModel, header: { gasUsed?: bigint; logsBloom?: string; receiptsRoot?: string } = {}): BuiltBlock {
  const fork = forkHeader(model.fork)
  const address = partyAddress(model)
  const common = signingCommon(fork.number, fork.timestamp)
  const nextNonce = model.eoas.map((eoa) => BigInt(eoa.nonce))
  const txs = model.txs.map((tx) => signTransaction(model, tx, actionCall(tx.action, address), nextNonce, common))
  const block = rpcBlock(
    {
      number: fork.number,
      timestamp: fork.timestamp,
      gasLimit: model.blockGasLimit,
      gasUsed: header.gasUsed ?? 0n,
      logsBloom: header.logsBloom,
      receiptsRoot: header.receiptsRoot,
      miner: coinbaseOf(model),
      baseFeePerGas: fork.baseFeePerGas,
      difficulty: fork.difficulty,
      mixHash: '0x' + '2a'.repeat(32),
      ...(fork.withdrawals
        ? { withdrawals: model.withdrawals.map((w, index) => ({ index: BigInt(index), validatorIndex: BigInt(7 + index), address: address(w.to), amount: w.gwei })) }
        : {}),
      ...(fork.cancun ? { excessBlobGas: 0n, blobGasUsed: BLOB_GAS * BigInt(txs.reduce((n, tx) => n + blobCount(tx), 0)), parentBeaconBlockRoot: PARENT_BEACON_ROOT } : {}),
    },
    txs,
  )
  return { contents: { block, preState: preStateOf(model), blockHashes: blockHashesOf(fork.number) }, txs }
}

function signTransaction(model: BlockModel, tx: TxModel, call: Call, nextNonce: bigint[], common: ReturnType<typeof signingCommon>): TypedTransaction {
  const fork = forkHeader(model.fork)
  const sender = tx.sender % model.eoas.length
  const accessList = tx.accessList.map(({ contract: name, slots }) => ({
    address: addressOf(name) as PrefixedHexString,
    storageKeys: slots.map((slot): PrefixedHexString => `0x${slot.toString(16).padStart(64, '0')}`),
  }))
  const gasLimit = gasLimitOf(tx, call, accessList, model)
  const next = nextNonce[sender]!
  let nonce = next
  if (tx.nonce === 'tooHigh') nonce = next + 1n
  else if (tx.nonce === 'tooLow') nonce = next === 0n ? next + 2n : next - 1n
  // A transaction that is invalid whatever the state does not use up its nonce (no pointless cascades).
  else if (!surelyInvalid(tx, gasLimit, model)) nextNonce[sender] = next + 1n

  const baseFee = fork.baseFeePerGas ?? PRE_LONDON_GAS_PRICE
  const gasPrice = tx.feeCapBelowBaseFee ? baseFee - 1n : baseFee + tx.tip
  const maxFeePerGas = tx.feeCapBelowBaseFee ? baseFee - 1n : 2n * baseFee + tx.tip
  const maxPriorityFeePerGas = tx.tip < maxFeePerGas ? tx.tip : maxFeePerGas
  const fields = { nonce, to: call.to as PrefixedHexString | undefined, value: call.value, data: call.data as PrefixedHexString, gasLimit }
  const key = eoaKey(sender)
  switch (signedType(model, tx, call)) {
    case 'legacy':
      return createLegacyTx({ ...fields, gasPrice }, { common }).sign(key)
    case 'accessList':
      return createAccessList2930Tx({ ...fields, gasPrice, accessList }, { common }).sign(key)
    case 'feeMarket':
      return createFeeMarket1559Tx({ ...fields, maxFeePerGas, maxPriorityFeePerGas, accessList }, { common }).sign(key)
    case 'blob': {
      // One or two blobs (the tip's parity decides, to keep the model small); blob gas costs 1 wei at
      // excessBlobGas 0, and a zero cap makes the transaction invalid.
      const blobVersionedHashes = Array.from({ length: tx.tip % 2n === 0n ? 1 : 2 }, (_, i) => blobHash(nonce, sender, i))
      const maxFeePerBlobGas = tx.feeCapBelowBaseFee ? 0n : 10n
      return createBlob4844Tx({ ...fields, maxFeePerGas, maxPriorityFeePerGas, accessList, maxFeePerBlobGas, blobVersionedHashes }, { common }).sign(key)
    }
  }
}

/** The model's type where the fork has it: fee-market before Cancun for blobs, legacy before London; a creation is never a blob transaction. */
function signedType(model: BlockModel, tx: TxModel, call: Call): TxType {
  const types = txTypesOf(model.fork)
  const wanted = tx.type === 'blob' && call.to === undefined ? 'feeMarket' : tx.type
  if (types.includes(wanted)) return wanted
  return types.includes('feeMarket') ? 'feeMarket' : 'legacy'
}

const BLOB_GAS = 131_072n
const PARENT_BEACON_ROOT = '0x' + '11'.repeat(32)

function blobCount(tx: TypedTransaction): number {
  return 'blobVersionedHashes' in tx ? (tx.blobVersionedHashes as readonly unknown[]).length : 0
}

/** A versioned hash (0x01 ‖ 31 bytes): BLOBHASH sees it; no blob data is needed to execute. */
function blobHash(nonce: bigint, sender: number, index: number): PrefixedHexString {
  return `0x01${Buffer.from(keccak_256(Buffer.from(`blob ${sender} ${nonce} ${index}`))).toString('hex').slice(2)}`
}

function surelyInvalid(tx: TxModel, gasLimit: bigint, model: BlockModel): boolean {
  const feeTooLow = tx.feeCapBelowBaseFee && forkHeader(model.fork).baseFeePerGas !== undefined
  const senderHasCode = model.eoas[tx.sender % model.eoas.length]!.hasCode === true
  return feeTooLow || senderHasCode || tx.gas.kind === 'belowIntrinsic' || gasLimit > model.blockGasLimit
}

function gasLimitOf(tx: TxModel, call: Call, accessList: readonly { storageKeys: readonly string[] }[], model: BlockModel): bigint {
  switch (tx.gas.kind) {
    case 'ample':
      return call.gas + 2_400n * BigInt(accessList.length) + 1_900n * BigInt(accessList.reduce((n, entry) => n + entry.storageKeys.length, 0))
    case 'tight':
      return intrinsicGas(call, accessList, model) + BigInt(tx.gas.extra)
    case 'belowIntrinsic':
      return 20_999n
    case 'overBlock':
      return model.blockGasLimit + 1n
  }
}

/** The gas a transaction pays before executing anything (EIP-2028 calldata, EIP-2930 lists, EIP-3860 init code). */
function intrinsicGas(call: Call, accessList: readonly { storageKeys: readonly string[] }[], model: BlockModel): bigint {
  const data = Buffer.from(call.data.slice(2), 'hex')
  let gas = 21_000n
  for (const byte of data) gas += byte === 0 ? 4n : 16n
  if (call.to === undefined) {
    gas += 32_000n
    if (model.fork === 'shanghai' || model.fork === 'cancun') gas += 2n * BigInt(Math.ceil(data.length / 32))
  }
  for (const entry of accessList) gas += 2_400n + 1_900n * BigInt(entry.storageKeys.length)
  return gas
}

function preStateOf(model: BlockModel): Record<string, PreStateAccountJson> {
  const state: Record<string, PreStateAccountJson> = {}
  model.eoas.forEach((eoa, index) => {
    state[eoaAddress(index)] = { balance: quantity(eoa.balance), nonce: quantity(BigInt(eoa.nonce)), ...(eoa.hasCode === true ? { code: '0x00' } : {}), storage: {} }
  })
  for (const name of DEPLOYMENT_NAMES) {
    state[addressOf(name)] = { balance: '0x0', nonce: '0x1', code: contract(DEPLOYMENTS[name]).runtime, storage: {} }
  }
  const set = (name: keyof typeof DEPLOYMENTS, slot: bigint, value: bigint | string) => {
    const word = typeof value === 'string' ? BigInt(value) : value
    if (word !== 0n) state[addressOf(name)]!.storage[quantity(slot)] = quantity(word)
  }
  model.counts.forEach((count, key) => {
    set('counter', slotOf('counter', 'counts') + BigInt(key), count)
    set('proxy', slotOf('counter', 'counts') + BigInt(key), count * 3n)
  })
  set('proxy', IMPLEMENTATION_SLOT, addressOf(model.proxyOnV2 ? 'counterV2' : 'counter'))

  const pair = addressOf('pair')
  for (const token of ['tokenA', 'tokenB'] as const) {
    const balances = slotOf(token, 'balanceOf')
    const allowances = slotOf(token, 'allowance')
    const reserve = token === 'tokenA' ? model.reserves.a : model.reserves.b
    let supply = reserve
    model.tokenBalances.slice(0, model.eoas.length).forEach((held, index) => {
      const amount = token === 'tokenA' ? held.a : held.b
      supply += amount
      set(token, mappingSlot(balances, eoaAddress(index)), amount)
      if (model.routerAllowed[index] === true) set(token, mappingSlot(mappingSlot(allowances, eoaAddress(index)), addressOf('router')), MAX_UINT)
    })
    set(token, mappingSlot(balances, pair), reserve)
    set(token, mappingSlot(balances, addressOf('caller')), 1_000n)
    set(token, slotOf(token, 'totalSupply'), supply + 1_000n)
  }
  set('pair', slotOf('pair', 'token0'), addressOf('tokenA'))
  set('pair', slotOf('pair', 'token1'), addressOf('tokenB'))
  set('pair', slotOf('pair', 'reserve0'), model.reserves.a)
  set('pair', slotOf('pair', 'reserve1'), model.reserves.b)

  set('relic', slotOf('relic', 'owner'), addressOf('factory'))
  set('relic', slotOf('relic', 'pings'), 1n)
  state[addressOf('relic')]!.balance = quantity(model.relicBalance)
  state[addressOf('cashier')]!.balance = quantity(model.cashierBalance)
  if (forkHeader(model.fork).cancun) state[BEACON_ROOTS_ADDRESS] = { balance: '0x0', nonce: '0x1', code: BEACON_ROOTS_CODE, storage: {} }
  return state
}

/** EIP-4788's contract: the block-start system call stores the parent beacon root; calls read it back by timestamp. */
const BEACON_ROOTS_ADDRESS = '0x000f3df6d732807ef1319fb7b8bb8522d0beac02'
const BEACON_ROOTS_CODE =
  '0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500'

/** Hashes of the 256 ancestors BLOCKHASH can see (arbitrary but fixed). */
function blockHashesOf(number: bigint): Record<string, string> {
  const hashes: Record<string, string> = {}
  for (let back = 1n; back <= 256n; back++) {
    hashes[(number - back).toString()] = '0x' + Buffer.from(keccak_256(Buffer.from(`ancestor ${number - back}`))).toString('hex')
  }
  return hashes
}
