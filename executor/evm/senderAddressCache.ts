/**
 * ethereumjs derives a transaction's sender address from its public key on
 * every `getSenderAddress()` call, with the pure-JS keccak of @noble/hashes
 * (`pubToAddress` ignores `Common.customCrypto`): ~7 µs a call here, and
 * every execution calls it twice (sender recovery, then runTx). On 10,000
 * transfers that was ~130 ms of the reference's ~600 ms execution-only time,
 * and the same per transaction in the parallel engine's workers.
 *
 * We wrap `getSenderAddress` on the transaction classes' prototypes (frozen
 * transactions cannot take an own method) to derive the address once per
 * public key, with the native keccak: the key is the array ethereumjs caches
 * in `tx.cache.senderPubKey`, by identity, so a recovery that forgets the
 * cached key (SenderRecovery 'recover') derives the address again. Installed
 * by both engines alike; the address is the same, only cheaper.
 */
import { AccessList2930Tx, Blob4844Tx, EOACode7702Tx, FeeMarket1559Tx, LegacyTx } from '@ethereumjs/tx'
import { Address } from '@ethereumjs/util'

import { nativeKeccak256 } from '../../src/chain/crypto/nativeCrypto.js'

interface SenderPrototype {
  getSenderAddress(this: SenderPrototype): Address
  getSenderPublicKey(this: SenderPrototype): Uint8Array
}

const PUBLIC_KEY_BYTES = 64
let installed = false

export function installSenderAddressCache(): void {
  if (installed) return
  installed = true
  const keccak256 = nativeKeccak256()
  if (keccak256 === undefined) return // no native keccak: ethereumjs's own path (cryptoBackend() says so)
  const addressOfKey = new WeakMap<Uint8Array, Uint8Array>()
  for (const txClass of [LegacyTx, AccessList2930Tx, FeeMarket1559Tx, Blob4844Tx, EOACode7702Tx]) {
    const prototype = txClass.prototype as unknown as SenderPrototype
    const derive = prototype.getSenderAddress
    prototype.getSenderAddress = function cachedSenderAddress() {
      const key = this.getSenderPublicKey() // recovers, or throws ethereumjs's error, as before
      if (key.length !== PUBLIC_KEY_BYTES) return derive.call(this) // let pubToAddress reject it
      let address = addressOfKey.get(key)
      if (address === undefined) {
        address = keccak256(key).slice(-20)
        addressOfKey.set(key, address)
      }
      return new Address(address) // a fresh Address per call, as ethereumjs returns
    }
  }
}
