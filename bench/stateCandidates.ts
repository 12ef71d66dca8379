/**
 * `npm run bench:state`: which in-memory state should the sequential
 * reference run on? The same executor (runTx in order, native crypto, jump
 * cache, sender recovery included) over three state managers, each loaded
 * with the pre-state before the clock starts:
 *
 *   overlay  — ours (executor/state/overlayState.ts)
 *   simple   — ethereumjs SimpleStateManager
 *   merkle   — ethereumjs MerkleStateManager (a trie in memory)
 *
 * Reports Mgas/s over all mainnet fixtures (median of K runs per block) and
 * how many blocks each gets wrong against their headers.
 */
import type { StateManagerInterface } from '@ethereumjs/common'
import { MerkleStateManager, SimpleStateManager } from '@ethereumjs/statemanager'
import { Account, Address } from '@ethereumjs/util'

import { executeSequential } from '../executor/sequential/executeSequential.js'
import { checkAgainstHeader } from '../src/headerCheck.js'
import type { PreState } from '../src/shared/preState.js'
import { median } from '../src/shared/stats.js'
import { endProgress, loadMainnetBlocks, progress } from './mainnetFixtures.js'
import { formatTable } from './table.js'

if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:state -- [--repeat K]\nCompares state managers under the sequential reference on the mainnet fixtures.')
  process.exit(0)
}
const repeatAt = process.argv.indexOf('--repeat')
const repeat = repeatAt >= 0 ? Number(process.argv[repeatAt + 1]) : 3

async function loaded(state: StateManagerInterface, preState: PreState): Promise<StateManagerInterface> {
  for (const account of preState.values()) {
    const address = new Address(account.address)
    await state.putAccount(address, new Account(account.nonce, account.balance))
    if (account.code.length > 0) await state.putCode(address, account.code)
    for (const [slot, value] of account.storage) {
      if (value.length > 0) await state.putStorage(address, Buffer.from(slot, 'latin1'), value)
    }
  }
  return state
}

/** SimpleStateManager has no state root; pre-Byzantium receipts ask for one (the overlay answers zeros too). */
class SimpleStateManagerWithRoot extends SimpleStateManager {
  override async getStateRoot(): Promise<Uint8Array> {
    return new Uint8Array(32)
  }
}

const candidates: Record<string, ((preState: PreState) => Promise<StateManagerInterface>) | undefined> = {
  overlay: undefined,
  simple: (preState) => loaded(new SimpleStateManagerWithRoot(), preState),
  merkle: (preState) => loaded(new MerkleStateManager(), preState),
}

const blocks = loadMainnetBlocks()
const results = []
for (const [name, stateForBenchmark] of Object.entries(candidates)) {
  let gas = 0
  let ms = 0
  const wrong: number[] = []
  for (const [i, { input }] of blocks.entries()) {
    progress(`${name}: block ${i + 1}/${blocks.length}`)
    const times: number[] = []
    for (let run = 0; run <= repeat; run++) {
      const execution = await executeSequential(input, { stateForBenchmark })
      if (run > 0) times.push(execution.ms) // run 0 warms this block up
      if (run === 0 && !checkAgainstHeader(input.parsed.block, execution).ok) wrong.push(Number(execution.number))
      if (run === 0) gas += Number(execution.gasUsed)
    }
    ms += median(times)
  }
  results.push({ name, mgasPerSec: gas / 1000 / ms, ms, wrong })
}
endProgress()
const overlay = results[0]!
console.log(
  formatTable(
    ['state', 'Mgas/s', 'total ms', 'vs overlay', 'blocks wrong'],
    results.map((r) => [r.name, r.mgasPerSec.toFixed(1), r.ms.toFixed(0), `${(overlay.ms / r.ms).toFixed(2)}×`, r.wrong.length === 0 ? '0' : `${r.wrong.length} (${r.wrong.join(', ')})`]),
  ),
)
