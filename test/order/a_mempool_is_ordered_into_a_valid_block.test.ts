/**
 * `order`: a mainnet block's transactions, shuffled into a mempool, come back
 * as a valid block (every transaction executed, the header's gas, bloom and
 * receipts root from the sequential reference, and the parallel engine
 * agreeing) with nonce order kept per sender, no fee given up, and a
 * projected 8-worker speedup at least the fee-priority order's. A block gas
 * limit takes the best tips first; a nonce gap ends a sender's run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { SummaryCache } from '../../analyzer/bytecode/summaryCache.js'
import { sourcesFromSpec } from '../../analyzer/sources/sourceSpec.js'
import { writeMempoolFromBlock } from '../../bench/order/mempoolFromBlock.js'
import { familyNamed, generateBlock } from '../../bench/generators/families.js'
import { loadBlockInput } from '../../executor/blockInput.js'
import { executeParallel } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'
import { checkAgainstHeader } from '../../src/headerCheck.js'
import { orderMempoolFile } from '../../src/order/orderMempoolFile.js'
import { projectRoot } from '../../src/shared/projectRoot.js'
import { pevm } from '../helpers/cli.js'

afterAll(closeWorkerPool)

const sources = sourcesFromSpec('static,accesslist', { summaries: new SummaryCache(join(homedir(), '.cache', 'pevm', 'summaries')) })
const BLOCK = join(projectRoot(), 'fixtures', 'mainnet', '19426587')

function mempoolOf(blockDir: string, seed: number): { dir: string; file: string; txs: Record<string, unknown>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-order-test-'))
  const file = writeMempoolFromBlock(blockDir, dir, seed)
  return { dir, file, txs: JSON.parse(readFileSync(file, 'utf8')) }
}

describe('a shuffled mainnet block as a mempool', () => {
  it('becomes a valid block, nonces in order, no fee given up, projected speedup ≥ the fee order', async () => {
    const { dir, file, txs } = mempoolOf(BLOCK, 7)
    const gasLimit = txs.reduce((sum, tx) => sum + BigInt(tx.gas as string), 0n)
    const { result, built, out } = await orderMempoolFile(file, { sources, gasLimit, out: join(dir, 'block') })
    expect(built.order.length).toBe(txs.length)
    expect(built.dropped).toEqual([])
    expect(result.feeRevenueGivenUp).toBe(0n)
    expect(result.after.projectedSpeedup).toBeGreaterThanOrEqual(result.before.projectedSpeedup)
    const lastNonce = new Map<string, bigint>()
    for (const index of built.order) {
      const tx = txs[index]!
      const from = String(tx.from).toLowerCase()
      const nonce = BigInt(tx.nonce as string)
      if (lastNonce.has(from)) expect(nonce).toBe(lastNonce.get(from)! + 1n)
      lastNonce.set(from, nonce)
    }
    const input = loadBlockInput(out)
    const sequential = await executeSequential(input)
    expect(checkAgainstHeader(input.parsed.block, sequential).ok).toBe(true)
    const parallel = await executeParallel(input, { workers: 2 })
    expect(checkAgainstHeader(input.parsed.block, parallel).ok).toBe(true)
  })

  it('under a small gas limit keeps the best tips within the limit', async () => {
    const { dir, file, txs } = mempoolOf(BLOCK, 8)
    const limit = 1_000_000n
    const { result, built } = await orderMempoolFile(file, { sources, gasLimit: limit, out: join(dir, 'block') })
    const chosen = built.order.map((index) => txs[index]!)
    expect(chosen.length).toBeGreaterThan(0)
    expect(chosen.length).toBeLessThan(txs.length)
    expect(chosen.reduce((sum, tx) => sum + BigInt(tx.gas as string), 0n)).toBeLessThanOrEqual(limit)
    expect(result.left.some((left) => left.reason === 'block gas limit reached')).toBe(true)
  })
})

describe('nonces', () => {
  it('a gap in a sender\'s nonces leaves the rest of its run out', async () => {
    const generated = await generateBlock(familyNamed('transfers-one-sender'), 20, 1)
    const { dir, file, txs } = mempoolOf(generated.dir, 9)
    const withoutNonce5 = txs.filter((tx) => BigInt(tx.nonce as string) !== 5n)
    writeFileSync(file, JSON.stringify(withoutNonce5))
    const { built, result } = await orderMempoolFile(file, { sources, out: join(dir, 'block') })
    expect(built.order.map((index) => Number(BigInt(withoutNonce5[index]!.nonce as string)))).toEqual([0, 1, 2, 3, 4])
    expect(result.left.filter((left) => left.reason === 'nonce gap')).toHaveLength(14)
  })
})

describe('pevm order', () => {
  it('has --help and refuses a block directory with one line', () => {
    const help = pevm('order', '--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/pevm order <mempool.json>/)
    const wrong = pevm('order', BLOCK)
    expect(wrong.status).toBe(2)
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1)
  })
})
