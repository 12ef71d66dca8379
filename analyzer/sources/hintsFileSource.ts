/** `hints:<file>`: predictions and dependencies read from a hints file (format: `analyzer/hints/README.md`). */
import { readJsonFile } from '../../src/blockDirectory/readJsonFile.js'
import { parseHintsFile } from '../hints/hintsFile.js'
import { type HintSource, type TxPrediction, emptyPrediction } from '../prediction.js'

export function hintsFileSource(file: string): HintSource {
  return {
    name: `hints:${file}`,
    async predict(ctx) {
      const { confidence, hints } = parseHintsFile(readJsonFile(file), file, ctx.txs.length)
      const predictions: TxPrediction[] = ctx.txs.map(() => emptyPrediction(confidence))
      for (const hint of hints) {
        predictions[hint.index] = {
          reads: new Set(hint.reads),
          writes: new Set(hint.writes),
          coarse: [],
          dependsOn: hint.dependsOn,
          confidence,
        }
      }
      return predictions
    },
  }
}
