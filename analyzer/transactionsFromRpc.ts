/**
 * Transactions in JSON-RPC shape (as in `eth_getBlockByNumber(n, true)` or a
 * mempool dump) → `AnalyzedTx`. The sender is taken from `from`: the
 * analyzer gives advice, so it need not recover signatures.
 *
 *   { "from": "0x..", "to": "0x.." | null, "nonce": "0x..", "value": "0x..",
 *     "input" | "data": "0x..", "gas": "0x..",
 *     "accessList": [{ "address": "0x..", "storageKeys": ["0x.."] }] (optional) }
 */
import { inputError } from '../src/shared/errors.js'
import { isObject, parseHexBytes, parseQuantity } from '../src/shared/preState.js'
import type { AccessListEntry, AnalyzedTx } from './transaction.js'

export function transactionsFromRpc(json: unknown, file: string): AnalyzedTx[] {
  if (!Array.isArray(json)) throw inputError(`${file}: expected an array of transactions`)
  return json.map((entry, index) => transactionFromRpc(entry, index, `${file}: transactions[${index}]`))
}

export function transactionFromRpc(json: unknown, index: number, where: string): AnalyzedTx {
  if (!isObject(json)) throw inputError(`${where}: expected a transaction object`)
  if (json.from === undefined) throw inputError(`${where}: has no "from" (the analyzer needs the sender)`)
  const data = json.input ?? json.data ?? '0x'
  return {
    index,
    from: parseHexBytes(json.from, `${where}.from`, 20),
    to: json.to === undefined || json.to === null ? undefined : parseHexBytes(json.to, `${where}.to`, 20),
    nonce: parseQuantity(json.nonce ?? '0x0', `${where}.nonce`),
    value: parseQuantity(json.value ?? '0x0', `${where}.value`),
    data: parseHexBytes(data, `${where}.input`),
    gasLimit: parseQuantity(json.gas ?? json.gasLimit ?? '0x0', `${where}.gas`),
    accessList: parseAccessList(json.accessList, `${where}.accessList`),
  }
}

function parseAccessList(json: unknown, where: string): AccessListEntry[] {
  if (json === undefined || json === null) return []
  if (!Array.isArray(json)) throw inputError(`${where}: expected an array`)
  return json.map((entry, i) => {
    if (!isObject(entry)) throw inputError(`${where}[${i}]: expected {address, storageKeys}`)
    const keys = entry.storageKeys ?? []
    if (!Array.isArray(keys)) throw inputError(`${where}[${i}].storageKeys: expected an array`)
    return {
      address: parseHexBytes(entry.address, `${where}[${i}].address`, 20),
      storageKeys: keys.map((key, k) => parseHexBytes(key, `${where}[${i}].storageKeys[${k}]`, 32)),
    }
  })
}
