/**
 * `bal:<file>`: an EIP-7928 block access list. It says exactly which
 * locations each transaction changed; it does not say which transaction read
 * what (only that a slot was read somewhere in the block, and those
 * read-only slots never change, so they make no dependency). A change is
 * therefore predicted as read and written (most changes are
 * read-modify-write: balances, nonces, counters); a pure read of a slot an
 * earlier transaction changed is invisible to this source. Index 0
 * (pre-execution system calls) and n + 1 (post-execution) belong to no
 * transaction and are not predicted.
 */
import { readJsonFile } from '../../src/blockDirectory/readJsonFile.js'
import { inputError } from '../../src/shared/errors.js'
import { parseBlockAccessList } from '../bal/blockAccessList.js'
import type { HintSource } from '../prediction.js'

export function balSource(file: string): HintSource {
  return {
    name: `bal:${file}`,
    async predict(ctx) {
      const { changes } = parseBlockAccessList(readJsonFile(file), file)
      const postExecution = ctx.txs.length + 1
      for (const index of changes.keys()) {
        if (index > postExecution) {
          throw inputError(`${file}: block access index ${index} is beyond post-execution (${postExecution}) for ${ctx.txs.length} transactions`)
        }
      }
      return ctx.txs.map((_, i) => {
        const changed = changes.get(i + 1) ?? new Set()
        return { reads: changed, writes: changed, coarse: [], confidence: 'likely' as const }
      })
    },
  }
}
