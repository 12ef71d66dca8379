/**
 * An execution that a lower transaction's new record has made stale stops at
 * its next read and runs again at once (VersionedState.stopWhenStale), instead
 * of running to its end for validation to reject. On one hot pool, at 2
 * workers, that happens all the time: each swap reads the reserves the swap
 * below it is about to write. The result must stay the reference's.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { familyNamed, generateBlock } from '../bench/generators/families.js'
import { loadBlockInput } from '../executor/blockInput.js'
import { executeParallel } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { postStateJson } from '../src/postStateJson.js'

const root = mkdtempSync(join(tmpdir(), 'pevm-stale-'))
afterAll(async () => {
  await closeWorkerPool()
  rmSync(root, { recursive: true, force: true })
})

describe('a stale read', () => {
  it('stops the execution, which runs again, and the block still equals the reference', async () => {
    const input = loadBlockInput((await generateBlock(familyNamed('amm-one-pool'), 120, 3, root)).dir)
    const reference = await executeSequential(input)
    let restarts = 0
    for (let run = 0; run < 4; run++) {
      const parallel = await executeParallel(input, { workers: 2 })
      expect(parallel.stats.fallbacks).toBe(0)
      expect(parallel.receiptsRoot).toEqual(reference.receiptsRoot)
      expect(postStateJson(parallel.postState())).toEqual(postStateJson(reference.postState()))
      restarts += parallel.stats.staleRestarts as number
    }
    expect(restarts, 'some execution was stopped at a stale read').toBeGreaterThan(0)
  })

  it('is left to validation when read checkpoints are on (they resume re-executions instead)', async () => {
    const input = loadBlockInput((await generateBlock(familyNamed('amm-one-pool'), 40, 4, root)).dir)
    const parallel = await executeParallel(input, { workers: 2, checkpoints: true })
    expect(parallel.stats.staleRestarts).toBe(0)
    expect(parallel.receiptsRoot).toEqual((await executeSequential(input)).receiptsRoot)
  })
})
