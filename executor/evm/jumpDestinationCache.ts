/**
 * ethereumjs re-analyses a contract's jump destinations (and builds its
 * per-pc opcode table) at the start of every call frame: about a fifth of
 * execution time on mainnet blocks. The analysis depends only on the code and
 * the fork's opcode table, so we cache it by both (the fork as its rules:
 * hardfork name and active EIPs).
 *
 * We wrap `_getValidJumpDestinations` on the interpreter's prototype
 * (interpreterModule.ts). Codes are keyed by identity: the state hands out
 * one Uint8Array per code (by code hash), so repeated calls to a contract hit
 * the cache, and a WeakMap lets init codes and dropped states be collected.
 */
import { interpreterPrototype } from './interpreterModule.js'

interface JumpAnalysis {
  jumps: Uint8Array
  pushes: { [pc: number]: bigint }
  opcodesCached: unknown[]
}

interface InterpreterPrototype {
  _getValidJumpDestinations(this: InterpreterLike, code: Uint8Array): JumpAnalysis
}

interface InterpreterLike {
  _evm: { _opcodeMap: object; common: { hardfork(): string; eips(): number[] } }
}

/**
 * A table whose entries were changed (e.g. wrapped gas handlers, see
 * executor/checkpoints/interpreterHooks.ts) names its variant here, so that
 * its analyses are not shared with plain tables of the same fork.
 */
export const OPCODE_TABLE_VARIANT = Symbol('pevm.opcodeTableVariant')

let installed = false
const counters = { hits: 0, misses: 0 }

/** How often the cache answered (hits) or had to analyse (misses), since the process started. */
export function jumpDestinationCacheStats(): { hits: number; misses: number } {
  return { ...counters }
}

export async function installJumpDestinationCache(): Promise<void> {
  if (installed) return
  const prototype = await interpreterPrototype<InterpreterPrototype>()
  const analyse = prototype._getValidJumpDestinations
  // Each EVM builds its own opcode table, but tables of the same fork and EIPs are
  // equal: the cache is shared by rules, so it survives from one block's EVM to the next.
  const byRules = new Map<string, WeakMap<Uint8Array, JumpAnalysis>>()
  const rulesOfTable = new WeakMap<object, WeakMap<Uint8Array, JumpAnalysis>>()
  prototype._getValidJumpDestinations = function cachedJumpDestinations(code) {
    const evm = this._evm
    let byCode = rulesOfTable.get(evm._opcodeMap)
    if (byCode === undefined) {
      const variant = (evm._opcodeMap as { [OPCODE_TABLE_VARIANT]?: string })[OPCODE_TABLE_VARIANT] ?? ''
      const rules = `${evm.common.hardfork()}+${evm.common.eips().join(',')}+${variant}`
      byCode = byRules.get(rules) ?? new WeakMap()
      byRules.set(rules, byCode)
      rulesOfTable.set(evm._opcodeMap, byCode)
    }
    let analysis = byCode.get(code)
    if (analysis === undefined) {
      counters.misses++
      analysis = analyse.call(this, code)
      byCode.set(code, analysis)
    } else {
      counters.hits++
    }
    return analysis
  }
  installed = true
}
