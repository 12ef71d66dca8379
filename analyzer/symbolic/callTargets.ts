/**
 * The contracts a function may call, as far as the static pass can name them:
 *
 *   hard-coded      PUSH20 constants in the function's reachable code
 *   immutable       PUSH32 constants with twelve leading zero bytes (solc's immutables)
 *   stored          address-typed slots the function reads (value from the pre-state)
 *   argument        address arguments, and address-shaped calldata words (top level)
 *   callback        the caller, when the function pushes a selector the caller implements
 *
 * Only addresses with code count (a call to an account without code runs
 * nothing). At most MAX_TARGETS, in the order above.
 */
import type { FunctionSummary } from '../bytecode/bytecodeSummary.js'
import type { SummaryCache } from '../bytecode/summaryCache.js'
import { type AbiWord, addressWordsIn } from './abiDecode.js'
import type { CallFrame } from './callFrame.js'
import { slotFromHex } from './mappingSlot.js'
import type { StateView } from './stateView.js'

export const MAX_TARGETS = 8

export function callTargets(frame: CallFrame, fn: FunctionSummary, args: readonly AbiWord[], state: StateView, summaries: SummaryCache): Uint8Array[] {
  const candidates: Uint8Array[] = fn.addressConstants.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')))
  for (const ref of fn.reads) {
    if (ref.type !== 'address') continue
    const stored = state.storedAddress(frame.storage, slotFromHex(ref.slot))
    if (stored !== undefined) candidates.push(stored)
  }
  for (const arg of args) if (arg.family === 'address') candidates.push(arg.word.subarray(12))
  if (frame.calldata !== undefined) candidates.push(...addressWordsIn(frame.calldata))
  if (frame.depth > 0 && callsBack(frame.caller, fn, state, summaries)) candidates.push(frame.caller)

  const seen = new Set<string>([Buffer.from(frame.storage).toString('hex')])
  const targets: Uint8Array[] = []
  for (const address of candidates) {
    const id = Buffer.from(address).toString('hex')
    if (seen.has(id)) continue
    seen.add(id)
    if (state.hasCode(address)) targets.push(address)
    if (targets.length === MAX_TARGETS) break
  }
  return targets
}

function callsBack(caller: Uint8Array, fn: FunctionSummary, state: StateView, summaries: SummaryCache): boolean {
  if (!state.hasCode(caller)) return false
  const loaded = summaries.get(state.code(caller), state.codeHash(caller))
  return fn.selectorConstants.some((selector) => loaded.functions.has(selector))
}
