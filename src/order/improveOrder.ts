/**
 * Local improvement of a block order: follow the chain that decides the
 * block-order list schedule's makespan on W workers and try the moves that
 * could shorten it, keeping a move only when the projected makespan drops.
 *
 * The critical chain ends at the transaction that finishes last; going
 * back, a transaction that started exactly when a predecessor finished was
 * waiting for it (q → p); one that did not was waiting for a worker. Moves:
 *   - p just before q   the read now comes first: the edge is gone (p may
 *                       then depend on an older writer, or on none)
 *   - q just after p    the same from the writer's side
 *   - any chain member as early as its sender allows (right after the
 *     sender's previous transaction, or to the front): it then reads
 *     before every writer it skipped (a reader of the beneficiary's
 *     balance depends on every earlier fee: only this move frees it)
 *   - the chain's head earlier (to the front, or half-way, a quarter, …
 *     of the way): it takes a worker sooner
 * Every move keeps each sender's transactions in their order (nonce order:
 * a move never jumps over a transaction of the same sender), and the set
 * of transactions never changes, so the block's gas is the same.
 *
 * First improvement, deterministic, at most `maxEvaluations` schedules: it
 * stops at a local optimum or when the budget is spent. The makespans are
 * the order model's (orderModel.ts); `order` re-analyses what it keeps.
 */
import type { OrderGraph, OrderModel } from './orderModel.js'

export interface ImprovedOrder {
  /** Positions of the model's transactions, in the improved order. */
  readonly order: readonly number[]
  readonly makespan: number
  readonly evaluations: number
}

export interface ImproveOptions {
  readonly workers: number
  readonly maxEvaluations: number
  /** Per model transaction: its sender (moves keep each sender's order). */
  readonly senders: readonly string[]
}

export function improveOrder(model: OrderModel, start: readonly number[], options: ImproveOptions): ImprovedOrder {
  let order = [...start]
  let { graph, schedule } = model.scheduleOf(order, options.workers)
  let evaluations = 1
  search: while (evaluations < options.maxEvaluations) {
    const chain = criticalChain(graph, schedule.start, schedule.finish)
    for (const moved of candidateMoves(chain, order, options.senders)) {
      const next = move(order, moved.from, moved.to, options.senders)
      if (next === undefined) continue
      const tried = model.scheduleOf(next, options.workers)
      evaluations++
      if (tried.schedule.makespan < schedule.makespan * (1 - 1e-9)) {
        order = next
        ;({ graph, schedule } = tried)
        continue search
      }
      if (evaluations >= options.maxEvaluations) break search
    }
    break
  }
  return { order, makespan: schedule.makespan, evaluations }
}

interface Move {
  readonly from: number
  /** The position the transaction ends up at. */
  readonly to: number
}

/** Positions along the chain that ends last, first to last. */
function criticalChain(graph: OrderGraph, start: readonly number[], finish: readonly number[]): number[] {
  let last = 0
  for (let p = 1; p < finish.length; p++) if (finish[p]! > finish[last]!) last = p
  const chain = [last]
  for (;;) {
    const p = chain[0]!
    let waitedFor = -1
    for (const q of graph.predecessors[p]!) if (waitedFor < 0 && finish[q] === start[p]) waitedFor = q
    if (waitedFor < 0) return chain
    chain.unshift(waitedFor)
  }
}

function candidateMoves(chain: readonly number[], order: readonly number[], senders: readonly string[]): Move[] {
  const size = order.length
  const moves: Move[] = []
  for (const p of chain) moves.push({ from: p, to: earliestPosition(order, p, senders) })
  for (let k = chain.length - 1; k >= 1; k--) {
    const q = chain[k - 1]!
    const p = chain[k]!
    moves.push({ from: p, to: q }, { from: q, to: p })
  }
  const head = chain[0]!
  for (let step = head; step >= 1; step = Math.floor(step / 2)) moves.push({ from: head, to: head - step })
  return moves.filter((m) => m.from !== m.to && m.to >= 0 && m.to < size)
}

/** Right after the previous transaction of the same sender, or 0. */
function earliestPosition(order: readonly number[], at: number, senders: readonly string[]): number {
  const sender = senders[order[at]!]
  for (let k = at - 1; k >= 0; k--) if (senders[order[k]!] === sender) return k + 1
  return 0
}

/** `order` with the transaction at `from` moved to `to`, or undefined if that would jump over one of its sender's. */
function move(order: readonly number[], from: number, to: number, senders: readonly string[]): number[] | undefined {
  const tx = order[from]!
  const sender = senders[tx]
  const [low, high] = from < to ? [from + 1, to] : [to, from - 1]
  for (let k = low; k <= high; k++) if (senders[order[k]!] === sender) return undefined
  const next = [...order]
  next.splice(from, 1)
  next.splice(to, 0, tx)
  return next
}

/**
 * `order` with the readers of lazy credits first (each with its sender's
 * earlier transactions, so nonce order holds), the rest after, each part in
 * its old order: a start for the local moves, which move one transaction at
 * a time and cannot free a reader that every earlier fee holds back.
 */
export function creditReadersFirst(order: readonly number[], readers: ReadonlySet<number>, senders: readonly string[]): number[] {
  if (readers.size === 0) return [...order]
  const lastReaderOf = new Map<string, number>()
  order.forEach((tx, at) => readers.has(tx) && lastReaderOf.set(senders[tx]!, at))
  const first = order.filter((tx, at) => at <= (lastReaderOf.get(senders[tx]!) ?? -1))
  const rest = order.filter((tx, at) => at > (lastReaderOf.get(senders[tx]!) ?? -1))
  return [...first, ...rest]
}
