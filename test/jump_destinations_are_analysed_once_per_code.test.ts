import { expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { jumpDestinationCacheStats } from '../executor/evm/jumpDestinationCache.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'

it('re-executing a block reuses every jump-destination analysis (the patch reaches the EVM in use)', async () => {
  const input = loadBlockInput(new URL('../fixtures/mainnet/12244000', import.meta.url).pathname)
  await executeSequential(input)
  const afterFirst = jumpDestinationCacheStats()
  expect(afterFirst.misses).toBeGreaterThan(0)
  await executeSequential(input)
  const afterSecond = jumpDestinationCacheStats()
  // Runtime codes come from the same pre-state objects: only init codes (calldata) are analysed again.
  expect(afterSecond.hits - afterFirst.hits).toBeGreaterThan(afterFirst.hits)
  expect(afterSecond.misses - afterFirst.misses).toBeLessThan(afterFirst.misses)
})
