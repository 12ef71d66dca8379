/**
 * A deterministic sample of the ethereum/tests GeneralStateTests (every
 * 8th Cancun case, leaving out the files whose cases take seconds), checked
 * as `npm run test:state` checks every case: the sequential reference
 * against the expected state root, logs hash and exception; the parallel
 * engine against the reference on each one-transaction block; and each
 * test's sampled cases packed into blocks, parallel against sequential.
 * The full run (20,969 Cancun cases, 15–40 minutes on 2 cores depending
 * on the load) is `npm run test:state`.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { selectCases, type TestCases } from '../bench/stateTests/enumerate.js'
import { readFixtureFile } from '../bench/stateTests/fixtures.js'
import { DEFAULT_PACK_SIZE, planPacks, runPack } from '../bench/stateTests/packedBlocks.js'
import { runCase } from '../bench/stateTests/runCase.js'
import { type StateTest, casesOf } from '../bench/stateTests/stateTest.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'

const FORK = 'Cancun'
const EVERY = 8

/**
 * Files with a case that takes over a second, or over the runner's timeout (`slowCases` and
 * `skipped` in `npm run test:state`'s JSON, measured on a loaded 2-core machine): the full run covers them.
 */
const SLOW_FILES = new Set([
  'Cancun/stEIP1153-transientStorage/15_tstoreCannotBeDosd.json',
  'Cancun/stEIP1153-transientStorage/21_tstoreCannotBeDosdOOO.json',
  'Pyspecs/cancun/eip1153_tstore/run_until_out_of_gas.json',
  'Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_calls.json',
  'VMTests/vmPerformance/loopExp.json',
  'VMTests/vmPerformance/loopMul.json',
  'stAttackTest/ContractCreationSpam.json',
  'stBadOpcode/invalidDiffPlaces.json',
  'stBadOpcode/opc0CDiffPlaces.json',
  'stBadOpcode/opc2DDiffPlaces.json',
  'stCallCreateCallCodeTest/Call1024PreCalls.json',
  'stCreate2/Create2Recursive.json',
  'stCreateTest/CreateOOGafterMaxCodesize.json',
  'stDelegatecallTestHomestead/Call1024PreCalls.json',
  'stDelegatecallTestHomestead/CallRecursiveBombPreCall.json',
  'stPreCompiledContracts2/CALLBlake2f.json',
  'stPreCompiledContracts2/CALLCODEBlake2f.json',
  'stQuadraticComplexityTest/Call1MB1024Calldepth.json',
  'stQuadraticComplexityTest/Call20KbytesContract50_2.json',
  'stQuadraticComplexityTest/Call50000.json',
  'stQuadraticComplexityTest/Call50000_ecrec.json',
  'stQuadraticComplexityTest/Call50000_identity.json',
  'stQuadraticComplexityTest/Call50000_identity2.json',
  'stQuadraticComplexityTest/Call50000_sha256.json',
  'stQuadraticComplexityTest/Callcode50000.json',
  'stQuadraticComplexityTest/Create1000Shnghai.json',
  'stQuadraticComplexityTest/QuadraticComplexitySolidity_CallDataCopy.json',
  'stQuadraticComplexityTest/Return50000.json',
  'stQuadraticComplexityTest/Return50000_2.json',
  'stStaticCall/static_Call1024BalanceTooLow.json',
  'stStaticCall/static_Call1024PreCalls2.json',
  'stStaticCall/static_Call1MB1024Calldepth.json',
  'stStaticCall/static_Call50000.json',
  'stStaticCall/static_Call50000_ecrec.json',
  'stStaticCall/static_Call50000_identity.json',
  'stStaticCall/static_Call50000_identity2.json',
  'stStaticCall/static_Call50000_rip160.json',
  'stStaticCall/static_Call50000bytesContract50_1.json',
  'stStaticCall/static_Call50000bytesContract50_2.json',
  'stStaticCall/static_LoopCallsThenRevert.json',
  'stStaticCall/static_Return50000_2.json',
  'stTimeConsuming/CALLBlake2f_MaxRounds.json',
  'stTimeConsuming/static_Call50000_sha256.json',
])

afterAll(closeWorkerPool)

const sample = selectCases({ fork: FORK, every: EVERY }).tests.filter((test) => !SLOW_FILES.has(test.file))
const byFolder = new Map<string, TestCases[]>()
for (const test of sample) {
  const folder = test.file.split('/').slice(0, -1).join('/')
  byFolder.set(folder, [...(byFolder.get(folder) ?? []), test])
}

function load(test: TestCases): StateTest {
  const stateTest = readFixtureFile(test.file)[test.test]
  if (stateTest === undefined) throw new Error(`${test.file} has no test ${test.test}`)
  return stateTest
}

const folders = [...byFolder].map(([folder, tests]) => [folder, tests.reduce((sum, test) => sum + test.cases.length, 0), tests] as const)

// The sample is fixed by the vendored fixtures (every 8th of the 20,969 Cancun cases, in file order,
// less the slow files): a fixture or enumeration change that empties or shrinks it must not pass silently.
it('the sample holds over two thousand cases from over sixty folders', () => {
  const cases = folders.reduce((sum, [, count]) => sum + count, 0)
  expect(cases).toBeGreaterThan(2_000)
  expect(folders.length).toBeGreaterThan(60)
})

// Single cases first, packed blocks after: the engine's worker pool has one thread for a
// one-transaction block and two for a packed one, and re-creating it between them costs time.
describe(`a sample of the GeneralStateTests (${FORK}, every ${EVERY}th case), one transaction per block`, () => {
  it.each(folders)('%s (%i cases): the reference reaches the expected root, logs and exception; the parallel engine equals it', async (_folder, _count, tests) => {
    const problems: string[] = []
    for (const test of tests) {
      const stateTest = load(test)
      const cases = casesOf(test.file, test.test, stateTest, FORK)
      for (const index of test.cases) {
        const result = await runCase(stateTest, cases[index]!, { workers: 2 })
        if (result.verdict !== 'passed') problems.push(`${result.name}: ${result.category}: ${result.detail} (stock ethereumjs ${result.stock}: ${result.stockDetail})`)
        if (result.parallel !== 'equal') problems.push(`${result.name}: parallel ${result.parallel}: ${result.parallelDetail}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe(`the same sample packed into blocks (each test's sampled cases, ${DEFAULT_PACK_SIZE} per block)`, () => {
  it.each(folders)('%s (%i cases): the parallel engine equals the reference', async (_folder, _count, tests) => {
    const problems: string[] = []
    for (const test of tests) {
      const stateTest = load(test)
      for (const plan of planPacks(test.file, test.test, FORK, test.cases)) {
        const pack = await runPack(stateTest, plan, { workers: 2 })
        if (pack.verdict !== 'equal') problems.push(`${pack.name}: ${pack.detail}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('the runner itself', () => {
  const file = 'stExample/add11.json'
  const stateTest = readFixtureFile(file).add11!
  const [testCase] = casesOf(file, 'add11', stateTest, FORK)

  it('passes a case whose expectation is met', async () => {
    const result = await runCase(stateTest, testCase!)
    expect(result).toMatchObject({ verdict: 'passed', transaction: 'executed', parallel: 'equal' })
  })

  it('reports a wrong expected root as a state-root miss, and asks stock ethereumjs (which misses it too)', async () => {
    const wrong = { ...testCase!, expected: { ...testCase!.expected, stateRoot: '0x' + '00'.repeat(32) } }
    const result = await runCase(stateTest, wrong)
    expect(result).toMatchObject({ verdict: 'failed', category: 'state-root', stock: 'fails', parallel: 'equal' })
  })

  it('reports a transaction that executes where an exception is expected', async () => {
    const wrong = { ...testCase!, expected: { ...testCase!.expected, exception: 'TransactionException.INTRINSIC_GAS_TOO_LOW' } }
    const result = await runCase(stateTest, wrong)
    expect(result).toMatchObject({ verdict: 'failed', category: 'executed-but-exception-expected', stock: 'fails' })
  })
})
