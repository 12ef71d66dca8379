/**
 * `npm run bench:seq`: the sequential reference on the vendored mainnet
 * blocks — per block and in aggregate: gas, median wall time of K runs
 * (loading excluded; sender recovery included, and also shown alone) and
 * Mgas/s. One warm-up pass over all blocks first (JIT, caches).
 *
 *   node dist/bench/sequential.js [--repeat K] [--json] [blockDir…]
 */
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { cryptoBackend } from '../src/chain/crypto/nativeCrypto.js'
import { geomean, median, spread } from '../src/shared/stats.js'
import { endProgress, loadMainnetBlocks, mainnetBlockDirs, progress } from './mainnetFixtures.js'
import { formatTable } from './table.js'

const args = process.argv.slice(2)
if (args.includes('--help')) {
  console.log('usage: npm run bench:seq -- [--repeat K] [--json] [blockDir…]\nSequential reference on the mainnet fixtures (or the given block directories): median of K runs (default 5) after a warm-up pass.')
  process.exit(0)
}
const repeatAt = args.indexOf('--repeat')
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 5
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number ≥ 1')
const dirs = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--repeat')
const blocks = loadMainnetBlocks(dirs.length > 0 ? dirs : mainnetBlockDirs())

for (const [i, { input }] of blocks.entries()) {
  progress(`warm-up ${i + 1}/${blocks.length}`)
  await executeSequential(input)
}

const rows = []
for (const [i, { dir, input }] of blocks.entries()) {
  const ms: number[] = []
  const recovery: number[] = []
  let gas = 0n
  for (let run = 0; run < repeat; run++) {
    progress(`block ${i + 1}/${blocks.length} run ${run + 1}/${repeat}`)
    const execution = await executeSequential(input)
    ms.push(execution.ms)
    recovery.push(execution.stats.senderRecoveryMs as number)
    gas = execution.gasUsed
  }
  const medianMs = median(ms)
  rows.push({
    block: Number(input.parsed.block.header.number),
    dir,
    txs: input.parsed.block.transactions.length,
    gas: Number(gas),
    ms: medianMs,
    spread: repeat > 1 ? spread(ms) : 0,
    senderRecoveryMs: median(recovery),
    mgasPerSec: Number(gas) / 1000 / medianMs,
  })
}
endProgress()

const totalGas = rows.reduce((sum, row) => sum + row.gas, 0)
const totalMs = rows.reduce((sum, row) => sum + row.ms, 0)
const totalRecovery = rows.reduce((sum, row) => sum + row.senderRecoveryMs, 0)
const withGas = rows.filter((row) => row.gas > 0)
const aggregate = {
  blocks: rows.length,
  txs: rows.reduce((sum, row) => sum + row.txs, 0),
  gas: totalGas,
  ms: totalMs,
  mgasPerSec: totalGas / 1000 / totalMs,
  mgasPerSecExecutionOnly: totalGas / 1000 / (totalMs - totalRecovery),
  geomeanMgasPerSec: geomean(withGas.map((row) => row.mgasPerSec)),
  senderRecoveryUsPerTx: (totalRecovery * 1000) / rows.reduce((sum, row) => sum + row.txs, 0),
  repeat,
  crypto: cryptoBackend(),
}

if (args.includes('--json')) {
  console.log(JSON.stringify({ rows, aggregate }, null, 1))
} else {
  console.log(
    formatTable(
      ['block', 'txs', 'gas', 'median ms', 'spread', 'senders ms', 'Mgas/s'],
      rows.map((row) => [row.block, row.txs, row.gas, row.ms.toFixed(2), `${(row.spread * 100).toFixed(0)}%`, row.senderRecoveryMs.toFixed(2), row.mgasPerSec.toFixed(1)]),
    ),
  )
  console.log(
    `\n${aggregate.blocks} blocks, ${aggregate.txs} txs, ${(totalGas / 1e6).toFixed(1)} Mgas in ${totalMs.toFixed(0)} ms (median of ${repeat} runs per block):` +
      `\n  ${aggregate.mgasPerSec.toFixed(1)} Mgas/s with sender recovery, ${aggregate.mgasPerSecExecutionOnly.toFixed(1)} Mgas/s execution only,` +
      ` geomean over blocks ${aggregate.geomeanMgasPerSec.toFixed(1)} Mgas/s; sender recovery ${aggregate.senderRecoveryUsPerTx.toFixed(0)} µs/tx` +
      ` (secp256k1 ${aggregate.crypto.secp256k1}, keccak ${aggregate.crypto.keccak256})`,
  )
}
