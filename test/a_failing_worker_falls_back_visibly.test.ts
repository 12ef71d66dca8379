import { afterAll, describe, expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { executeParallel } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { postStateJson } from '../src/postStateJson.js'

const input = loadBlockInput(new URL('../fixtures/mainnet/12244000', import.meta.url).pathname)

afterAll(closeWorkerPool)

describe('a worker that fails cannot hang or corrupt a block', () => {
  it('a worker that throws: the block is re-executed sequentially and the fallback is counted with its reason', async () => {
    const expected = postStateJson((await executeSequential(input)).postState())
    const result = await executeParallel(input, { workers: 2, faults: { throwAtTx: 5 } })
    expect(result.stats.fallbacks).toBe(1)
    expect(String(result.stats.fallbackReason)).toMatch(/a worker failed: injected fault at transaction 5/)
    expect(result.warnings.join()).toMatch(/fell back to sequential/)
    expect(postStateJson(result.postState())).toBe(expected)
  })

  it('a worker that hangs: the watchdog abandons the attempt, the block still completes, and the pool recovers', async () => {
    const started = performance.now()
    const result = await executeParallel(input, { workers: 2, timeoutMs: 3_000, faults: { hangAtTx: 3 } })
    expect(performance.now() - started).toBeLessThan(60_000)
    expect(result.stats.fallbacks).toBe(1)
    expect(String(result.stats.fallbackReason)).toMatch(/watchdog/)
    const again = await executeParallel(input, { workers: 2 })
    expect(again.stats.fallbacks).toBe(0)
    expect(postStateJson(again.postState())).toBe(postStateJson(result.postState()))
  })
})
