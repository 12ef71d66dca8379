/**
 * `npm run bench:crypto`: the cost of sender recovery and keccak-256 with
 * ethereumjs's defaults (pure JS, @noble) against the native implementations
 * the project plugs in through `Common.customCrypto`. Recovers the sender of
 * every transaction in the mainnet fixtures with each implementation and
 * checks that both agree.
 */
import { ecrecover } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

import { cryptoBackend, customCrypto } from '../src/chain/crypto/nativeCrypto.js'
import { loadMainnetBlocks, endProgress } from './mainnetFixtures.js'
import { formatTable } from './table.js'

if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:crypto\nDefault vs native sender recovery and keccak-256 over every mainnet fixture transaction.')
  process.exit(0)
}

interface Signature {
  hash: Uint8Array
  v: bigint
  r: Uint8Array
  s: Uint8Array
  chainId: bigint | undefined
}

const signatures: Signature[] = []
for (const { input } of loadMainnetBlocks()) {
  for (const tx of input.parsed.block.transactions) {
    const eip155 = tx.supports(155 as never)
    signatures.push({
      hash: tx.getMessageToVerifySignature() as Uint8Array,
      v: tx.v!,
      r: bigintBytes(tx.r!),
      s: bigintBytes(tx.s!),
      chainId: eip155 ? tx.common.chainId() : undefined,
    })
  }
}
endProgress()

const native = customCrypto(undefined)
function time(recover: NonNullable<typeof native.ecrecover>): { usPerTx: number; keys: string[] } {
  const keys: string[] = []
  const started = performance.now()
  for (const sig of signatures) keys.push(Buffer.from(recover(sig.hash, sig.v, sig.r, sig.s, sig.chainId)).toString('hex'))
  return { usPerTx: ((performance.now() - started) * 1000) / signatures.length, keys }
}

time(ecrecover) // warm up both
if (native.ecrecover !== undefined) time(native.ecrecover)
const js = time(ecrecover)
const fast = native.ecrecover !== undefined ? time(native.ecrecover) : js
const agree = js.keys.every((key, i) => key === fast.keys[i])

const message = new Uint8Array(64).fill(7)
function hashRate(hash: (m: Uint8Array) => Uint8Array): number {
  const started = performance.now()
  for (let i = 0; i < 200_000; i++) hash(message)
  return ((performance.now() - started) * 1000) / 200_000
}
hashRate(keccak_256)
const keccakJs = hashRate(keccak_256)
const keccakNative = native.keccak256 !== undefined ? hashRate(native.keccak256) : keccakJs
const backend = cryptoBackend()

console.log(
  formatTable(
    ['primitive', 'default (pure JS)', `project (${backend.secp256k1}/${backend.keccak256})`, 'speedup'],
    [
      [`sender recovery, ${signatures.length} txs`, `${js.usPerTx.toFixed(1)} µs`, `${fast.usPerTx.toFixed(1)} µs`, `${(js.usPerTx / fast.usPerTx).toFixed(1)}×`],
      ['keccak-256 of 64 bytes', `${keccakJs.toFixed(2)} µs`, `${keccakNative.toFixed(2)} µs`, `${(keccakJs / keccakNative).toFixed(1)}×`],
    ],
  ),
)
console.log(agree ? `both recover the same ${signatures.length} public keys` : 'MISMATCH between the implementations')
process.exitCode = agree ? 0 : 1

function bigintBytes(value: bigint): Uint8Array {
  let hex = value.toString(16)
  if (hex.length % 2 === 1) hex = '0' + hex
  return Uint8Array.from(Buffer.from(hex, 'hex'))
}
