/**
 * Which words a mapping key may be, by the key's type:
 *
 *   address            msg.sender and the function's address arguments; for a nested
 *                      call (arguments unknown) the accounts in scope instead: the
 *                      origin and the outer calls' address arguments without code. The calling
 *                      contract itself is left out there: routers and aggregators pass
 *                      tokens through, so their own balances end where they started.
 *   uintN/intN/bytesN  the function's arguments of that family
 *   bool               false and true
 *
 * `undefined` means "cannot say": the caller then predicts the contract's
 * storage coarsely instead of predicting nothing.
 */
import type { KeyFamily } from '../bytecode/storageType.js'
import type { AbiWord } from './abiDecode.js'
import type { CallFrame } from './callFrame.js'
import { wordOf } from './mappingSlot.js'

export const MAX_KEYS_PER_LEVEL = 6

const FALSE_WORD = new Uint8Array(32)
const TRUE_WORD = wordOf(Uint8Array.of(1))

export function keyCandidates(family: KeyFamily, frame: CallFrame, args: readonly AbiWord[]): Uint8Array[] | undefined {
  let words: Uint8Array[]
  if (family === 'address') {
    words =
      frame.calldata === undefined
        ? frame.scope.map(wordOf)
        : [wordOf(frame.caller), ...args.filter((arg) => arg.family === 'address').map((arg) => arg.word)]
  } else if (family === 'bool') {
    words = [FALSE_WORD, TRUE_WORD]
  } else if (family === 'dynamic') {
    return undefined
  } else {
    words = args.filter((arg) => arg.family === family).map((arg) => arg.word)
  }
  const unique = uniqueWords(words)
  return unique.length === 0 || unique.length > MAX_KEYS_PER_LEVEL ? undefined : unique
}

export function uniqueWords(words: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>()
  return words.filter((word) => {
    const id = Buffer.from(word).toString('hex')
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
