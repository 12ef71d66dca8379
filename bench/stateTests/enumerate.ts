/**
 * Which cases a run covers: every test of every matching fixture file that
 * has a `post` entry for the fork, optionally every Nth case only.
 */
import { listFixtureFiles, readFixtureFile } from './fixtures.js'

export interface TestCases {
  readonly file: string
  readonly test: string
  readonly fork: string
  /** Positions in `post[fork]` selected for the run. */
  readonly cases: readonly number[]
}

export interface Selection {
  readonly files: number
  readonly tests: readonly TestCases[]
  readonly cases: number
}

export function selectCases(options: { fork: string; filter?: string; every?: number }): Selection {
  const every = options.every ?? 1
  const tests: TestCases[] = []
  let ordinal = 0
  let files = 0
  for (const file of listFixtureFiles(options.filter)) {
    const json = readFixtureFile(file)
    let matched = false
    for (const [test, stateTest] of Object.entries(json)) {
      const count = stateTest.post[options.fork]?.length ?? 0
      const cases: number[] = []
      for (let index = 0; index < count; index++) if (ordinal++ % every === 0) cases.push(index)
      if (cases.length > 0) {
        tests.push({ file, test, fork: options.fork, cases })
        matched = true
      }
    }
    if (matched) files++
  }
  return { files, tests, cases: tests.reduce((sum, test) => sum + test.cases.length, 0) }
}
