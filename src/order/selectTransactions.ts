/**
 * A builder's choice of transactions from a mempool, before any thought of
 * parallelism: per sender, a run of consecutive nonces starting at the
 * sender's nonce in the pre-state (a gap ends the run), each paying a
 * non-negative tip at the base fee (whether the sender can pay is left to
 * execution: the block may fund it, even through a contract — see
 * orderedBlock.ts, which simulates like a builder); then greedily by tip per gas,
 * always taking a sender's next nonce, until the block's gas limit is
 * reached (by gas limits, so the block can never run out of gas).
 *
 * The result, in that greedy order, is the fee-priority block: the baseline
 * the parallel order is measured against.
 */
import { inputError } from '../shared/errors.js'
import { addressChars } from '../shared/locations.js'
import { type PreState, parseQuantity } from '../shared/preState.js'
import type { AnalyzedTx } from '../../analyzer/transaction.js'
import { tipPerGas } from './feePriority.js'

export interface Candidate {
  /** Index in the mempool file. */
  readonly mempoolIndex: number
  readonly tx: AnalyzedTx
  readonly raw: Record<string, unknown>
  readonly tip: bigint
}

export interface Selection {
  /** In fee-priority order. */
  readonly chosen: readonly Candidate[]
  /** Mempool indices left out, with the reason. */
  readonly left: readonly { readonly mempoolIndex: number; readonly reason: string }[]
}

export function selectTransactions(txs: readonly AnalyzedTx[], raws: readonly Record<string, unknown>[], preState: PreState, options: { gasLimit: bigint; baseFee: bigint | undefined; file: string }): Selection {
  const left: { mempoolIndex: number; reason: string }[] = []
  const bySender = new Map<string, Candidate[]>()
  txs.forEach((tx, i) => {
    const raw = raws[i]!
    const where = `${options.file}[${i}]`
    const tip = tipPerGas(raw, options.baseFee, where)
    if (tip < 0n) return void left.push({ mempoolIndex: i, reason: 'fee cap below the base fee' })
    const sender = addressChars(tx.from)
    const list = bySender.get(sender) ?? []
    list.push({ mempoolIndex: i, tx, raw, tip })
    bySender.set(sender, list)
  })
  const queues: Candidate[][] = []
  for (const [sender, list] of bySender) {
    list.sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : a.tx.nonce > b.tx.nonce ? 1 : 0))
    const account = preState.get(sender)
    let nonce = account?.nonce ?? 0n
    const run: Candidate[] = []
    for (const candidate of list) {
      if (candidate.tx.nonce !== nonce) left.push({ mempoolIndex: candidate.mempoolIndex, reason: candidate.tx.nonce < nonce ? 'nonce already used' : 'nonce gap' })
      else {
        run.push(candidate)
        nonce++
        continue
      }
      nonce = -1n // everything after a gap is out too
    }
    if (run.length > 0) queues.push(run)
  }
  const chosen: Candidate[] = []
  let gas = 0n
  // Greedy by tip: the best head of any sender's queue next.
  for (;;) {
    let best = -1
    for (let q = 0; q < queues.length; q++) {
      const head = queues[q]![0]
      if (head !== undefined && (best < 0 || head.tip > queues[best]![0]!.tip)) best = q
    }
    if (best < 0) break
    const next = queues[best]!.shift()!
    if (gas + next.tx.gasLimit > options.gasLimit) {
      left.push({ mempoolIndex: next.mempoolIndex, reason: 'block gas limit reached' })
      for (const rest of queues[best]!.splice(0)) left.push({ mempoolIndex: rest.mempoolIndex, reason: 'an earlier nonce did not fit' })
      continue
    }
    gas += next.tx.gasLimit
    chosen.push(next)
  }
  if (chosen.length === 0 && txs.length > 0) throw inputError(`${options.file}: no transaction of the mempool can be included (${left[0]?.reason ?? 'none'})`)
  return { chosen, left }
}

export function gasLimitOf(header: Record<string, unknown>, file: string): bigint {
  return parseQuantity(header.gasLimit, `${file}: gasLimit`)
}
