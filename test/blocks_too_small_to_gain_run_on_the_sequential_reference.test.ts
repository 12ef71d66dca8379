/**
 * executeBlock's engine choice (src/engineChoice.ts): a block of fewer than
 * two transactions, or of a few milliseconds of estimated sequential work,
 * runs on the sequential reference and says why; `alwaysParallel` runs the
 * engine anyway, with the same result.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { executeBlock, shutdown, smallBlockReason } from '../src/index.js'
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
