/**
 * Every engine bug the property tests found, kept as the (shrunk) block
 * directory under fixtures/property/regressions/<name>/ with a
 * regression.json that says what went wrong and how to run it: the law
 * must hold on each, with each recorded plan, several times (interleavings
 * vary from run to run).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

import { afterAll, describe, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import type { ExecutionPlan } from './support/executionPlan.js'
import { checkLawOnInput } from './support/law.js'

interface Regression {
  readonly problem: string
  readonly plans: readonly ExecutionPlan[]
  readonly repeat: number
  readonly selfDestructsExistingContract: boolean
}

const ROOT = new URL('../fixtures/property/regressions/', import.meta.url).pathname
const names = existsSync(ROOT) ? readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, 'regression.json'))).sort() : []

afterAll(closeWorkerPool)

describe('blocks on which the parallel engine once broke the law', () => {
  it.each(names)('%s', async (name) => {
    const dir = join(ROOT, name)
    const regression = JSON.parse(readFileSync(join(dir, 'regression.json'), 'utf8')) as Regression
    const input = loadBlockInput(dir)
    for (let attempt = 0; attempt < regression.repeat; attempt++) {
      await checkLawOnInput(input, regression.plans, { selfDestructsExistingContract: regression.selfDestructsExistingContract })
    }
  })
})
