/**
 * A child process of `npm run test:state`: runs the units its parent sends
 * (a test's single cases, or one packed block) and reports every phase and
 * result. Options come as one JSON argument.
 */
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { readFixtureFile } from './fixtures.js'
import { runPack } from './packedBlocks.js'
import type { ChildOptions, FromChild, ToChild } from './protocol.js'
import { runCase } from './runCase.js'
import { type StateTestFile, caseName, casesOf } from './stateTest.js'

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions
let cached: { file: string; json: StateTestFile } | undefined

function send(message: FromChild): void {
  process.send!(message)
}

function fixture(file: string): StateTestFile {
  if (cached?.file !== file) cached = { file, json: readFixtureFile(file) }
  return cached.json
}

async function handle(message: ToChild): Promise<void> {
  try {
    if (message.kind === 'singles') {
      const { file, test, fork, cases } = message.unit
      const stateTest = fixture(file)[test]
      if (stateTest === undefined) throw new Error(`${file} has no test ${test}`)
      const all = casesOf(file, test, stateTest, fork)
      for (const index of cases) {
        const testCase = all[index]!
        const key = caseName(testCase)
        const result = await runCase(stateTest, testCase, {
          parallel: options.parallel,
          workers: options.workers,
          parallelTimeoutMs: options.parallelTimeoutMs,
          diagnose: options.diagnose,
          saveFailuresTo: options.saveFailuresTo,
          onPhase: (phase, soFar) => send({ kind: 'phase', key, phase, ...(soFar !== undefined ? { soFar } : {}) }),
        })
        send({ kind: 'case', result })
      }
    } else {
      const { plan } = message
      const stateTest = fixture(plan.file)[plan.test]
      if (stateTest === undefined) throw new Error(`${plan.file} has no test ${plan.test}`)
      const result = await runPack(stateTest, plan, {
        workers: options.workers,
        parallelTimeoutMs: options.parallelTimeoutMs,
        saveFailuresTo: options.saveFailuresTo,
        onPhase: (phase) => send({ kind: 'phase', key: `pack:${plan.file}:${plan.test}:${plan.chunk}`, phase }),
      })
      send({ kind: 'pack', result })
    }
  } catch (error) {
    send({ kind: 'unit-error', error: String((error as Error).stack ?? error) })
  }
  send({ kind: 'idle' })
}

// One unit at a time: the parent sends the next only after `idle`.
process.on('message', (message: ToChild) => void handle(message))
process.on('disconnect', () => void closeWorkerPool().finally(() => process.exit(0)))
send({ kind: 'ready' })
