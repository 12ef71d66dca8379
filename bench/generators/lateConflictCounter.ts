/**
 * Late-conflict counters (issue 11's benchmark): every transaction calls
 * LateCounter.bump(id, rounds) (contracts/LateConflict.sol), which hashes
 * for 300–1,700 keccak rounds (up to ~330k gas of work that reads nothing shared) and
 * only then reads and increments `counters[id]` in the outermost frame.
 *
 *   one hot counter   every bump conflicts with the one before it, at the very end
 *   K hot counters    a bump conflicts with the last bump of the same counter
 *   own counters      no two transactions share a counter: nothing conflicts
 *                     (the same work, for measuring what checkpoints cost)
 *
 * Counters start at 1 in the pre-state, so that every bump is the same
 * SSTORE (nonzero to nonzero) whichever the variant.
 */
import { compiledCode, mappingSlotHex, valueHex } from './contracts.js'
import { type MockBlock, calldata, word } from './mockBlock.js'

/** bump(uint256,uint256) */
export const BUMP_SELECTOR = 'a4da02fa'
/** Storage slot of the `counters` mapping. */
export const COUNTERS_SLOT = 0n
/**
 * Keccak rounds per call, uniform in [MIN_ROUNDS, MAX_ROUNDS] (~180 gas a
 * round: ~60k–330k gas a call). The spread matters: with equal work, two
 * workers fall into a pipeline where each bump starts half a transaction
 * after the one before it and reads the counter after that one wrote it —
 * no conflict at all; with unequal work a short bump that started later
 * reads before a long one before it has written, and is invalidated late.
 */
export const MIN_ROUNDS = 300
export const MAX_ROUNDS = 1_700
const BUMP_GAS = 400_000n

export type CounterSharing = { readonly kind: 'hot'; readonly counters: number } | { readonly kind: 'own' }

/** The storage slot (0x-hex) of counters[id]. */
export function counterSlot(id: number): string {
  return mappingSlotHex(word(BigInt(id)), COUNTERS_SLOT)
}

/** A LateCounter whose counters 0..count-1 hold 1. */
export function deployLateCounter(block: MockBlock, count: number): string {
  const storage: Record<string, string> = {}
  for (let id = 0; id < count; id++) storage[counterSlot(id)] = valueHex(1n)
  return block.deploy(compiledCode('LateCounter'), storage)
}

/** `txs` bumps, each from its own sender, sharing counters as `sharing` says. */
export function addLateCounterBumps(block: MockBlock, txs: number, sharing: CounterSharing): void {
  const counters = sharing.kind === 'own' ? txs : sharing.counters
  const contract = deployLateCounter(block, counters)
  for (let i = 0; i < txs; i++) {
    const id = sharing.kind === 'own' ? i : counters === 1 ? 0 : block.random.below(counters)
    const rounds = MIN_ROUNDS + block.random.below(MAX_ROUNDS - MIN_ROUNDS + 1)
    block.send(block.fundedKey(), { to: contract, gasLimit: BUMP_GAS, data: calldata(BUMP_SELECTOR, BigInt(id), BigInt(rounds)) })
  }
}
