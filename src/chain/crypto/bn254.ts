/**
 * The alt_bn128 precompiles (0x06 add, 0x07 mul, 0x08 pairing) through
 * `rustbn-wasm` (Rust compiled to WebAssembly, inside its npm package)
 * instead of ethereumjs's default pure-JS noble curves: a zk-proof pairing
 * check costs ~90 ms with the default here — the single most expensive
 * transaction of block 19,932,703, longer than a third of the block.
 *
 * ethereumjs documents the plug-in as `EVMOpts.bn254`, but its `createEVM`
 * (which `createVM` calls) overwrites that option with the noble default
 * (@ethereumjs/evm 10.1.3, constructors.js). So the EVM is constructed here,
 * with the option, and handed to `createVM`. Every VM of both engines comes
 * from `createExecutionVm`.
 */
import type { Common } from '@ethereumjs/common'
import { EVM, type EVMOpts, RustBN254 } from '@ethereumjs/evm'
import { type VM, createVM } from '@ethereumjs/vm'
import { initRustBN } from 'rustbn-wasm'

let bn254: Promise<NonNullable<EVMOpts['bn254']>> | undefined

export interface ExecutionVmOptions {
  readonly common: Common
  readonly stateManager: NonNullable<EVMOpts['stateManager']>
  readonly blockchain: NonNullable<EVMOpts['blockchain']>
}

/** A VM whose EVM uses the fast bn254 (initialised once per thread, ~30 ms). */
export async function createExecutionVm({ common, stateManager, blockchain }: ExecutionVmOptions): Promise<VM> {
  bn254 ??= initRustBN().then((wasm) => new RustBN254(wasm))
  const evm = new EVM({ common, stateManager, blockchain, bn254: await bn254 })
  return createVM({ common, stateManager, blockchain: blockchain as never, evm })
}

/** Which bn254 implementation a VM's EVM uses (for tests: the plug-in must not be silently dropped). */
export function bn254ImplementationOf(vm: VM): string {
  return (vm.evm as unknown as { _bn254?: object })._bn254?.constructor.name ?? 'none'
}
