/**
 * `--sources static,accesslist,hints:<file>,bal:<file>,simulate` → hint
 * sources. `static` is the two static sources together: `facts` (certain,
 * from the transaction alone) and `bytecode` (likely, from summaries).
 * `simulate` needs the executor, which the analyzer must not import: callers
 * that can execute pass a factory for it.
 */
import { usageError } from '../../src/shared/errors.js'
import type { SummaryCache } from '../bytecode/summaryCache.js'
import type { HintSource } from '../prediction.js'
import { accessListSource } from './accessListSource.js'
import { balSource } from './balSource.js'
import { bytecodeSource } from './bytecodeSource.js'
import { factsSource } from './factsSource.js'
import { hintsFileSource } from './hintsFileSource.js'

export interface SourceEnvironment {
  readonly summaries: SummaryCache
  readonly simulation?: () => HintSource
}

export const SOURCES_HELP = [
  'static          = facts + bytecode',
  'facts           sender nonce/balance, recipient balance and code, created address (certain)',
  'bytecode        storage slots from evmole summaries + calldata, proxies, nested calls (likely; coarse = possible)',
  'accesslist      EIP-2930 access lists of the transactions (likely)',
  'hints:<file>    a hints file (format: analyzer/hints/README.md)',
  'bal:<file>      an EIP-7928 block access list (JSON)',
  'simulate        execute each transaction alone against the pre-block state (costs one execution each)',
].join('\n')

export function sourcesFromSpec(spec: string, env: SourceEnvironment): HintSource[] {
  const sources: HintSource[] = []
  const add = (source: HintSource) => {
    if (sources.some((known) => known.name === source.name)) throw usageError(`--sources names ${source.name} twice`)
    sources.push(source)
  }
  for (const item of spec.split(',').map((part) => part.trim())) {
    if (item === 'static') {
      add(factsSource)
      add(bytecodeSource(env.summaries))
    } else if (item === 'facts') add(factsSource)
    else if (item === 'bytecode') add(bytecodeSource(env.summaries))
    else if (item === 'accesslist') add(accessListSource)
    else if (item.startsWith('hints:') && item.length > 'hints:'.length) add(hintsFileSource(item.slice('hints:'.length)))
    else if (item.startsWith('bal:') && item.length > 'bal:'.length) add(balSource(item.slice('bal:'.length)))
    else if (item === 'simulate') {
      if (env.simulation === undefined) throw usageError('--sources simulate is not available here (it needs a block to execute)')
      add(env.simulation())
    } else throw usageError(`--sources: unknown source ${JSON.stringify(item)}; known:\n${SOURCES_HELP}`)
  }
  if (sources.length === 0) throw usageError('--sources names no source')
  return sources
}
