/** `facts`: what each transaction certainly touches, from its fields alone (see `certainFacts`). */
import { certainFacts } from '../facts/certainFacts.js'
import type { HintSource } from '../prediction.js'

export const factsSource: HintSource = {
  name: 'facts',
  async predict(ctx) {
    return ctx.txs.map((tx) => ({ ...certainFacts(tx, ctx.preState), coarse: [], confidence: 'certain' as const }))
  },
}
