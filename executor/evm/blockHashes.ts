/**
 * BLOCKHASH: the EVM asks its "blockchain" for an ancestor block and hashes
 * it. We answer from the block directory's block_hashes.json. A hash the
 * file lacks is an input error (the result would silently be wrong), raised
 * as a non-EVM error so that it escapes `runTx` instead of becoming an
 * exceptional halt.
 */
import { inputError } from '../../src/shared/errors.js'

export function blockHashLookup(hashes: ReadonlyMap<bigint, Uint8Array>) {
  const lookup = {
    async getBlock(number: number | bigint) {
      const hash = hashes.get(BigInt(number))
      if (hash === undefined) {
        throw inputError(`BLOCKHASH(${number}) is needed but block_hashes.json has no hash for block ${number}`)
      }
      return { hash: () => hash }
    },
    async putBlock() {},
    shallowCopy() {
      return lookup
    },
  }
  return lookup
}
