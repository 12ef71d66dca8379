/**
 * executeBlock's engine choice (src/engineChoice.ts): a block of fewer than
 * two transactions, of a few milliseconds of estimated sequential work, or
 * sent mostly by one sender runs on the sequential reference and says why
 * (the last with its senders recovered on the workers); `alwaysParallel`
 * runs the engine anyway, with the same result.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { recoverSenders } from '../executor/senders.js'
import { pipelinedSenders } from '../executor/parallel/poolSenderRecovery.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { checkAgainstHeader, executeBlock, oneSenderChainReason, shutdown, smallBlockReason } from '../src/index.js'
import { pevm } from './helpers/cli.js'

const fixture = (number: number) => new URL(`../fixtures/mainnet/${number}`, import.meta.url).pathname

afterAll(shutdown)

describe('which engine a block runs on', () => {
  it('is the sequential reference for one transaction, or a few milliseconds of estimated work', () => {
    expect(smallBlockReason(loadBlockInput(fixture(46147)).parsed.block)).toMatch(/^1 transaction: nothing to run in parallel$/)
    expect(smallBlockReason(loadBlockInput(fixture(15537393)).parsed.block)).toMatch(/^1 transaction/) // 30 Mgas, but alone
    // 0.38 Mgas before Berlin: ~2.5 ms at 150 Mgas/s.
    expect(smallBlockReason(loadBlockInput(fixture(930196)).parsed.block)).toMatch(/^small block: 0\.38 Mgas, about 2\.5 ms/)
  })

  it('is the parallel engine when there is work to share', () => {
    // 3.92 Mgas before Berlin (~26 ms); 1.62 Mgas on Cancun, where gas buys less work (~27 ms).
    for (const number of [1796867, 19923400, 15537394]) expect(smallBlockReason(loadBlockInput(fixture(number)).parsed.block), String(number)).toBeUndefined()
  })

  it('gives the same result either way, and says which engine ran and why', async () => {
    const input = loadBlockInput(fixture(930196))
    const chosen = await executeBlock(input, { workers: 2 })
    expect(chosen.stats.engine).toBe('sequential')
    expect(chosen.stats.engineChosenBecause).toMatch(/small block/)
    const forced = await executeBlock(input, { workers: 2, alwaysParallel: true })
    expect(forced.stats.engine).toBe('parallel')
    expect(forced.stats.engineChosenBecause).toBeUndefined()
    expect(forced.outcomes).toEqual(chosen.outcomes)
    expect(forced.postState()).toEqual(chosen.postState())
    const busy = await executeBlock(loadBlockInput(fixture(19933122)), { workers: 2 })
    expect(busy.stats.engine).toBe('parallel')
  })

  it('is the sequential reference, senders recovered on the workers, when one sender sends most of the block', async () => {
    expect(oneSenderChainReason(loadBlockInput(fixture(13287210)))).toMatch(/^one sender sends 1408 of the 1414 transactions/)
    expect(oneSenderChainReason(loadBlockInput(fixture(1796867)))).toBeUndefined() // 28 of 49
    expect(oneSenderChainReason(loadBlockInput(fixture(19933122)))).toBeUndefined()
    const input = loadBlockInput(fixture(5891667)) // 379 of 380
    const chosen = await executeBlock(input, { workers: 2 })
    expect(chosen.stats).toMatchObject({ engine: 'sequential', engineChosenBecause: expect.stringMatching(/^one sender sends 379 of the 380/) })
    // The workers run ahead of the execution; this thread recovers only what they had not reached.
    expect(chosen.stats.sendersRecoveredOnWorkers).toBeGreaterThan(190)
    expect(checkAgainstHeader(input.parsed.block, chosen).ok).toBe(true)
    const forced = await executeBlock(input, { workers: 2, alwaysParallel: true })
    expect(forced.stats.engine).toBe('parallel')
    expect(forced.outcomes).toEqual(chosen.outcomes)
    expect(forced.postState()).toEqual(chosen.postState())
    // One worker: nothing to share, so the reference recovers the senders itself.
    const alone = await executeBlock(input, { workers: 1 })
    expect(alone.stats.sendersRecoveredOnWorkers).toBeUndefined()
    expect(alone.outcomes).toEqual(chosen.outcomes)
  })

  it('gives each transaction the sender the main thread would recover, whoever recovered it', async () => {
    const input = loadBlockInput(fixture(12520364))
    const txs = input.parsed.block.transactions
    const expected = recoverSenders(txs, 'recover').map((sender) => (sender.kind === 'valid' ? sender.address.toString() : sender.error))
    const senders = pipelinedSenders(input, 2)
    // Out of order and from the end too: this thread claims what the workers have not reached.
    const order = [...txs.keys()].reverse()
    const got: string[] = new Array(txs.length)
    for (const index of order) {
      const sender = senders.senderOf(index)
      got[index] = sender.kind === 'valid' ? sender.address.toString() : sender.error
    }
    expect(got).toEqual(expected)
    const { recoveredOnWorkers, failure } = await senders.finish()
    expect(failure).toBeUndefined()
    expect(recoveredOnWorkers).toBeGreaterThanOrEqual(0)
    expect(recoveredOnWorkers).toBeLessThanOrEqual(txs.length)
  })

  it('recovers on this thread what a failed worker left, with the same senders', async () => {
    const input = loadBlockInput(fixture(2641321))
    const expected = await executeBlock(input, { sequential: true })
    // A block.json the workers cannot parse (its number): every recovery task throws, nothing is published.
    const broken = { ...input, rpcBlock: { ...input.rpcBlock!, number: 'not a number' } } as unknown as typeof input
    const senders = pipelinedSenders(broken, 2)
    const { failure } = await senders.finish()
    expect(failure).toMatch(/a worker failed/)
    const sequential = await executeSequential(input, { senderOf: senders.senderOf })
    expect(sequential.outcomes).toEqual(expected.outcomes)
  })

  it('is reported by pevm run', () => {
    const chosen = pevm('run', fixture(930196), '--json')
    expect(chosen.status).toBe(0)
    expect(JSON.parse(chosen.stdout)).toMatchObject({ engine: 'sequential', stats: { engineChosenBecause: expect.stringMatching(/small block/) } })
    const text = pevm('run', fixture(930196))
    expect(text.stdout).toMatch(/sequential reference chosen: small block: .* \(--always-parallel to run the engine\)/)
    const forced = pevm('run', fixture(930196), '--always-parallel', '--workers', '2', '--json')
    expect(JSON.parse(forced.stdout)).toMatchObject({ engine: 'parallel', workers: 2, match: { gasUsed: true, logsBloom: true } })
  })
})
