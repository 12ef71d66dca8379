/**
 * Issue 10's block-building criterion, on every non-empty mainnet fixture
 * block: its transactions as a shuffled mempool, through `order`, give a
 * valid block (every transaction executed by the reference, none dropped)
 * whose projected 8-worker speedup is at least the mined order's — both
 * projected the same way (block-order list schedule over the
 * static+accesslist graph of that order; bench/order/orderBench.ts, which
 * prints the same figures per block). ~50 s on an idle 2-core machine.
 */
import { describe, expect, it } from 'vitest'

import { mainnetBlockDirs } from '../../bench/mainnetFixtures.js'
import { orderBench } from '../../bench/order/orderBench.js'

describe('pevm order on the mainnet blocks as shuffled mempools', () => {
  it('builds valid blocks projecting at least the mined order\'s 8-worker speedup, on every block', async () => {
    const rows = await orderBench(mainnetBlockDirs())
    expect(rows.length).toBe(49)
    const shortfalls = rows.filter((r) => !r.atLeastMined).map((r) => `${r.block}: ${r.ordered.projectedSpeedup.toFixed(3)}× < mined ${r.mined.projectedSpeedup.toFixed(3)}×`)
    expect(shortfalls).toEqual([])
    expect(rows.filter((r) => !r.valid || r.dropped > 0 || r.included !== r.txs).map((r) => r.block)).toEqual([])
  }, 300_000)
})
