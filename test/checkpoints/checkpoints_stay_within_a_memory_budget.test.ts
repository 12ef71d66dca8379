/**
 * A worker keeps read checkpoints for the whole block, so it bounds them:
 * past `maxBytesPerWorker` it drops the checkpoints of the transactions it
 * took them for first, never those of the transaction executing now.
 */
import { describe, expect, it } from 'vitest'

import { loadBlockInput } from '../../executor/blockInput.js'
import { EVERY_READ } from '../../executor/checkpoints/checkpointPolicy.js'
import { IncarnationHarness } from '../../property-tests/support/incarnationHarness.js'

const BLOCK = new URL('../../fixtures/mainnet/17666333', import.meta.url).pathname
const TXS = 12

async function executeInOrder(maxBytesPerWorker: number): Promise<IncarnationHarness> {
  const harness = await IncarnationHarness.create(loadBlockInput(BLOCK))
  for (let tx = 0; tx < TXS; tx++) {
    await harness.execute(tx, { start: { from: 'scratch' }, capture: { ...EVERY_READ, maxBytesPerWorker }, record: true })
  }
  return harness
}

describe('read checkpoints kept by a worker', () => {
  it('are all kept within the default budget', async () => {
    const harness = await executeInOrder(EVERY_READ.maxBytesPerWorker)
    expect(harness.session.stats.taken).toBeGreaterThan(TXS)
    expect(harness.session.stats.dropped).toBe(0)
    expect(harness.session.validCheckpoints(0).length).toBeGreaterThan(0)
  })

  it('are dropped oldest first past the budget, except the running transaction’s', async () => {
    const harness = await executeInOrder(1)
    expect(harness.session.stats.dropped).toBeGreaterThan(0)
    expect(harness.session.validCheckpoints(0)).toEqual([])
    const lastWithCheckpoints = [...Array(TXS).keys()].reverse().find((tx) => harness.session.validCheckpoints(tx).length > 0)
    expect(lastWithCheckpoints, 'the last transaction that took checkpoints still has them').toBeDefined()
    const kept = [...Array(TXS).keys()].filter((tx) => harness.session.validCheckpoints(tx).length > 0)
    expect(kept, 'only that transaction keeps any').toEqual([lastWithCheckpoints])
  })
})
