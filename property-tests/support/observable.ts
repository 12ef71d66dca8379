/**
 * What two executions of a block must agree on, in canonical text: per
 * transaction the outcome (receipt with logs, gas, status, created address;
 * or the invalid transaction's error), and for the block its gas, bloom,
 * receipts root and post-state.
 */
import type { BlockExecution, TxOutcome } from '../../executor/blockExecution.js'
import { postStateJson } from '../../src/postStateJson.js'

export interface Observable {
  readonly outcomes: readonly string[]
  readonly block: string
  readonly postState: string
}

export function observable(execution: BlockExecution): Observable {
  return {
    outcomes: execution.outcomes.map((outcome) => canonical(outcomeFields(outcome))),
    block: canonical({
      gasUsed: execution.gasUsed,
      logsBloom: execution.logsBloom,
      receiptsRoot: execution.receiptsRoot,
    }),
    postState: postStateJson(execution.postState()),
  }
}

function outcomeFields(outcome: TxOutcome): unknown {
  if (outcome.kind === 'invalid') return { kind: outcome.kind, error: outcome.error }
  return { kind: outcome.kind, gasUsed: outcome.gasUsed, status: outcome.status, createdAddress: outcome.createdAddress, receipt: outcome.receipt }
}

/** The first difference, described for a failure message; undefined when equal. */
export function firstDifference(expected: Observable, actual: Observable): string | undefined {
  const count = Math.max(expected.outcomes.length, actual.outcomes.length)
  for (let tx = 0; tx < count; tx++) {
    if (expected.outcomes[tx] !== actual.outcomes[tx]) {
      return `transaction ${tx} differs:\n  sequential ${clip(expected.outcomes[tx])}\n  parallel   ${clip(actual.outcomes[tx])}`
    }
  }
  if (expected.block !== actual.block) return `block totals differ:\n  sequential ${expected.block}\n  parallel   ${actual.block}`
  if (expected.postState !== actual.postState) return `post-states differ:\n${postStateDiff(expected.postState, actual.postState)}`
  return undefined
}

function postStateDiff(expected: string, actual: string): string {
  const a = JSON.parse(expected) as Record<string, unknown>
  const b = JSON.parse(actual) as Record<string, unknown>
  const lines: string[] = []
  for (const address of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = JSON.stringify(a[address])
    const y = JSON.stringify(b[address])
    if (x !== y) lines.push(`  ${address}\n    sequential ${clip(x)}\n    parallel   ${clip(y)}`)
  }
  return lines.join('\n')
}

function clip(text: string | undefined): string {
  if (text === undefined) return '(none)'
  return text.length > 1_500 ? text.slice(0, 1_500) + '…' : text
}

/** JSON with sorted keys, bigints as decimal strings and bytes as hex. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value))
}

function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return '0x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')
  if (Array.isArray(value)) return value.map(normalize)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) out[key] = normalize((value as Record<string, unknown>)[key])
    return out
  }
  return value
}
