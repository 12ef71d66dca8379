/**
 * SELFDESTRUCT, by hand-made example (the generated blocks cover it at
 * random): before Cancun a contract that existed before the transaction is
 * deleted, which the engine may hand to the sequential reference, visibly
 * (counted, with a reason and a warning); from Cancun only a contract created
 * in the same transaction is deleted, and that never falls back. Either way
 * the result is the reference's.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { closeWorkerPool } from '../executor/parallel/workerPool.js'
import { COINBASE } from './support/accounts.js'
import { childAddress } from './support/actionCalls.js'
import type { Action } from './support/blockModel.js'
import { addressOf } from './support/contractLibrary.js'
import { handMadeBlock } from './support/handMadeBlock.js'
import { checkLaw } from './support/law.js'

afterAll(closeWorkerPool)

const coinbase = { kind: 'coinbase' } as const
const PLANS = [1, 2, 2, 3].map((workers) => ({ workers, hints: { kind: 'none' } as const, delaysUs: [] }))

function fallbacks(run: Awaited<ReturnType<typeof checkLaw>>) {
  return run.parallel.map((execution) => {
    const stats = execution.stats as Record<string, unknown>
    return { fallbacks: Number(stats.fallbacks), reason: stats.fallbackReason as string | undefined, warned: execution.warnings.some((w) => /fell back to sequential/.test(w)) }
  })
}

describe('before Cancun: an existing contract that self-destructs is deleted', () => {
  const writtenThenDestroyed: Action[] = [{ kind: 'pingRelic', value: 5n }, { kind: 'destroyRelic', beneficiary: coinbase }]

  for (const fork of ['berlin', 'london', 'shanghai'] as const) {
    it(`${fork}: storage written earlier in the block, then SELFDESTRUCT — the same result, and any fallback is counted and explained`, async () => {
      const run = await checkLaw(handMadeBlock(fork, writtenThenDestroyed), PLANS, {})
      expect(run.reference.postState().has(String.fromCharCode(...Buffer.from(addressOf('relic').slice(2), 'hex')))).toBe(false)
      for (const { fallbacks: count, reason, warned } of fallbacks(run)) {
        expect(count).toBeLessThanOrEqual(1)
        if (count === 1) {
          expect(reason).toMatch(/self-destruct/)
          expect(warned).toBe(true)
        }
      }
    })
  }

  it('shanghai: a contract self-destructs, then a later transaction sends it ETH — it exists again, with that balance and no code', async () => {
    const relic = { kind: 'contract', name: 'relic' } as const
    const run = await checkLaw(
      handMadeBlock('shanghai', [
        { kind: 'destroyRelic', beneficiary: coinbase },
        { action: { kind: 'transfer', to: relic, value: 3n }, sender: 1 },
      ]),
      PLANS,
      {},
    )
    // The credit re-creates the account: its code location is written again (the empty code's hash)
    // after the deletion zeroed it, and its balance is the credit alone.
    const account = run.reference.postState().get(String.fromCharCode(...Buffer.from(addressOf('relic').slice(2), 'hex')))
    expect(account?.balance).toBe(3n)
    expect(fallbacks(run).map((f) => f.fallbacks)).toEqual([0, 0, 0, 0])
  })

  it('shanghai: a child created in one transaction and destroyed in a later one, then re-created at the same CREATE2 address', async () => {
    await checkLaw(
      handMadeBlock('shanghai', [
        { kind: 'create2Child', salt: 1, value: 3n },
        { kind: 'pingChild', salt: 1, value: 2n },
        { kind: 'destroyChild', salt: 1, beneficiary: coinbase },
        { kind: 'create2Child', salt: 1, value: 0n },
      ]),
      PLANS,
      {},
    )
  })
})

describe('from Cancun: SELFDESTRUCT deletes only what the same transaction created, and never falls back', () => {
  it('an existing contract that self-destructs keeps its code and storage and only sends its balance', async () => {
    const run = await checkLaw(handMadeBlock('cancun', [{ kind: 'pingRelic', value: 5n }, { kind: 'destroyRelic', beneficiary: coinbase }, { kind: 'pingRelic', value: 1n }]), PLANS, {})
    expect(fallbacks(run).map((f) => f.fallbacks)).toEqual([0, 0, 0, 0])
  })

  it('create and self-destruct in one transaction, twice at the same CREATE2 address: the child is gone, no fallback', async () => {
    const run = await checkLaw(
      handMadeBlock('cancun', [
        { kind: 'createAndDestroy', salt: 2, beneficiary: coinbase, value: 7n },
        { action: { kind: 'createAndDestroy', salt: 2, beneficiary: { kind: 'eoa', index: 0 }, value: 1n }, sender: 1 },
        { kind: 'createPlainAndDestroy', beneficiary: coinbase, value: 1n },
        { kind: 'deploy', init: 'selfDestructing', value: 9n },
      ]),
      PLANS,
      {},
    )
    expect(fallbacks(run).map((f) => f.fallbacks)).toEqual([0, 0, 0, 0])
    expect(run.reference.outcomes.map((outcome) => outcome.kind === 'executed' && outcome.status)).toEqual(['success', 'success', 'success', 'success'])
    const child = String.fromCharCode(...Buffer.from(childAddress(2).slice(2), 'hex'))
    expect(run.reference.postState().has(child)).toBe(false)
    expect(run.reference.postState().has(String.fromCharCode(...Buffer.from(COINBASE.slice(2), 'hex')))).toBe(true)
  })
})
