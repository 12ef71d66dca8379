/**
 * The alt_bn128 precompiles (0x06 add, 0x07 mul, 0x08 pairing) through
 * `rustbn-wasm` (Rust compiled to WebAssembly, inside its npm package)
 * instead of ethereumjs's default pure-JS noble curves: a zk-proof pairing
 * check costs ~90 ms with the default here — the single most expensive
 * transaction of block 19,932,703, longer than a third of the block.
 * ethereumjs documents this plug-in (`EVMOpts.bn254 = new RustBN254(…)`).
 * Both engines create their EVMs with `evmCryptoOptions()`.
 */
import { type EVMOpts, RustBN254 } from '@ethereumjs/evm'
import { initRustBN } from 'rustbn-wasm'

let bn254: Promise<EVMOpts['bn254']> | undefined

/** EVM options with the fast bn254 (initialised once per thread, ~30 ms). */
export async function evmCryptoOptions(): Promise<Pick<EVMOpts, 'bn254'>> {
  bn254 ??= initRustBN().then((wasm) => new RustBN254(wasm))
  return { bn254: await bn254 }
}
