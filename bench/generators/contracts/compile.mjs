// Compiles bench/generators/contracts/*.sol with solc 0.8.28 (npm) into
// <Contract>.json beside them: runtime bytecode, ABI and storage layout.
// The generators read the JSON; no compiler is needed to run the benchmarks.
//
//   npm install --no-save solc@0.8.28   (or elsewhere, then SOLC_DIR=<that dir>)
//   node bench/generators/contracts/compile.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(process.env.SOLC_DIR ? join(process.env.SOLC_DIR, 'package.json') : import.meta.url)
const solc = require('solc')
if (!solc.version().startsWith('0.8.28+')) throw new Error(`solc ${solc.version()} found; these contracts are built with 0.8.28`)
const here = dirname(fileURLToPath(import.meta.url))
const sources = Object.fromEntries(
  readdirSync(here)
    .filter((file) => file.endsWith('.sol'))
    .map((file) => [file, { content: readFileSync(join(here, file), 'utf8') }]),
)
const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.deployedBytecode.object', 'storageLayout'] } },
}
const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings })))
const errors = (output.errors ?? []).filter((error) => error.severity === 'error')
if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join('\n'))
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    if (contract.evm.deployedBytecode.object.length === 0) continue // interfaces
    const fixture = {
      contract: name,
      source: file,
      compiler: `solc ${solc.version()}`,
      runtimeBytecode: `0x${contract.evm.deployedBytecode.object}`,
      storage: contract.storageLayout.storage.map(({ label, slot, offset, type }) => ({ label, slot, offset, type })),
      abi: contract.abi,
    }
    writeFileSync(join(here, `${name}.json`), JSON.stringify(fixture, null, 1) + '\n')
    console.log(`${name}.json: ${fixture.runtimeBytecode.length / 2 - 1} bytes`)
  }
}
