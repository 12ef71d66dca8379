/**
 * Every mocked block family of the benchmark suite makes a valid block at a
 * small size: the sequential reference executes every transaction
 * successfully (no invalid transaction, no revert: the swaps, ERC20
 * transfers and coinbase reads really happen), the header it wrote checks,
 * the same seed gives the same block, and the parallel engine equals the
 * reference (2 workers) without falling back. Also: the traced access sets
 * see the engine's lazy credits (a hot recipient makes no dependency; a
 * read of the coinbase's balance does).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

import { afterAll, describe, expect, it } from 'vitest'

import { COINBASE } from '../bench/generators/blockFactory.js'
import { FAMILIES, familyNamed, generateBlock } from '../bench/generators/families.js'
import { traceBlock } from '../bench/suite/blockTrace.js'
import { idealBound } from '../bench/suite/projection.js'
import type { BlockExecution } from '../executor/blockExecution.js'
import { loadBlockInput } from '../executor/blockInput.js'
import { executeParallel } from '../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { checkAgainstHeader } from '../src/headerCheck.js'
import { postStateJson } from '../src/postStateJson.js'
import { balanceKey } from '../src/shared/locations.js'
import { pevm } from './helpers/cli.js'

const root = mkdtempSync(join(tmpdir(), 'pevm-generated-'))
afterAll(async () => {
  await closeWorkerPool()
  rmSync(root, { recursive: true, force: true })
})

const SMALL = 12

function observable(execution: BlockExecution) {
  return {
    gasUsed: execution.gasUsed,
    receiptsRoot: Buffer.from(execution.receiptsRoot).toString('hex'),
    logsBloom: Buffer.from(execution.logsBloom).toString('hex'),
    outcomes: execution.outcomes.map((o) => (o.kind === 'invalid' ? o : { kind: o.kind, status: o.status, gasUsed: o.gasUsed })),
    state: postStateJson(execution.postState()),
  }
}

describe.each(FAMILIES.map((family) => [family.name, family] as const))('the %s generator', (_, family) => {
  it('makes a valid block that the parallel engine executes exactly like the reference', async () => {
    const txs = family.name === 'small' ? 5 : SMALL
    const { dir } = await generateBlock(family, txs, 7, root)
    const input = loadBlockInput(dir)
    expect(input.parsed.block.transactions.length).toBe(txs)
    const sequential = await executeSequential(input)
    expect(sequential.outcomes.map((o) => (o.kind === 'executed' ? o.status : `invalid: ${o.error}`))).toEqual(new Array(txs).fill('success'))
    expect(checkAgainstHeader(input.parsed.block, sequential).ok).toBe(true)
    const parallel = await executeParallel(input, { workers: 2 })
    expect(parallel.stats.fallbacks, String(parallel.stats.fallbackReason)).toBe(0)
    expect(observable(parallel)).toEqual(observable(sequential))
  })
})

describe('the generators and the trace', () => {
  it('give the same block for the same seed and a different one for another seed', async () => {
    const family = familyNamed('mixed')
    const read = (dir: string) => gunzipSync(readFileSync(join(dir, 'block.json.gz'))).toString()
    const a = await generateBlock(family, 10, 3, join(root, 'a'))
    const b = await generateBlock(family, 10, 3, join(root, 'b'))
    const c = await generateBlock(family, 10, 4, join(root, 'c'))
    expect(read(a.dir)).toBe(read(b.dir))
    expect(read(a.dir)).not.toBe(read(c.dir))
  })

  it('sees transfers into one recipient as independent (lazy credits) and a nonce chain as serial', async () => {
    const toOne = await traceBlock(loadBlockInput((await generateBlock(familyNamed('transfers-one-recipient'), 10, 1, root)).dir), { timingPasses: 1 })
    // Every transaction but the first could run alongside the others: the critical path is one transaction long.
    expect(Math.max(...toOne.txs.map((tx) => tx.costUs))).toBeGreaterThanOrEqual(idealBound(toOne).criticalPathUs - 1e-9)
    expect(toOne.txs.every((tx) => tx.access.deltas.size === 2)).toBe(true) // the recipient and the coinbase
    const chain = await traceBlock(loadBlockInput((await generateBlock(familyNamed('transfers-one-sender'), 10, 1, root)).dir), { timingPasses: 1 })
    expect(idealBound(chain).unbounded).toBeCloseTo(1, 6)
  })

  it("makes a contract's read of the coinbase balance a real read", async () => {
    const trace = await traceBlock(loadBlockInput((await generateBlock(familyNamed('beneficiary'), 6, 1, root)).dir), { timingPasses: 1 })
    // i % 3 === 1 calls CoinbaseReader.look(): it reads the coinbase's balance; the others only credit it.
    const coinbaseBalance = balanceKey(Buffer.from(COINBASE.slice(2), 'hex'))
    const readsCoinbase = trace.txs.map((tx) => tx.access.reads.has(coinbaseBalance))
    expect(readsCoinbase).toEqual([false, true, false, false, true, false])
  })
})

describe('pevm bench', () => {
  it('reports both engines, the ideal bound and calibrated projections for a generated block', async () => {
    const { dir } = await generateBlock(familyNamed('erc20-hot'), 16, 2, root)
    const run = pevm('bench', dir, '--repeat', '1', '--json', '--project')
    expect(run.status, run.stderr).toBe(0)
    const [result] = JSON.parse(run.stdout).results
    expect(result.comparison).toMatchObject({ txs: 16, workers: 2, correct: true, fallbacks: 0 })
    expect(result.comparison.executions).toBeGreaterThanOrEqual(16)
    // 16 transfers into 8 hot holders: chains through the hot balance slots, so the bound is above 1 and below 16.
    expect(result.bound.byWorkers['2']).toBeGreaterThan(1)
    expect(result.bound.unbounded).toBeLessThan(16)
    for (const workers of ['1', '2', '4', '8', '16', '32']) expect(result.projection.byWorkers[workers].speedup).toBeGreaterThan(0)
    expect(Number.isFinite(result.validation.error)).toBe(true)
  })
})
