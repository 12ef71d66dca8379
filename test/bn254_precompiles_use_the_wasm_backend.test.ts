/**
 * The alt_bn128 precompiles must run on rustbn-wasm in both engines:
 * ethereumjs's createEVM silently replaces EVMOpts.bn254 with its slow
 * noble default, which went unnoticed once (see src/chain/crypto/bn254.ts).
 */
import { expect, test } from 'vitest'

import { OverlayState } from '../executor/state/overlayState.js'
import { blockHashLookup } from '../executor/evm/blockHashes.js'
import { commonForBlock } from '../src/chain/chainCommon.js'
import { bn254ImplementationOf, createExecutionVm } from '../src/chain/crypto/bn254.js'

test('a VM from createExecutionVm has the rustbn-wasm bn254 backend', async () => {
  const common = commonForBlock({ number: 19_000_000n, timestamp: 1_705_000_000n })
  const vm = await createExecutionVm({ common, stateManager: new OverlayState(new Map()), blockchain: blockHashLookup(new Map()) as never })
  expect(bn254ImplementationOf(vm)).toBe('RustBN254')
})
