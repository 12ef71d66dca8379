/**
 * What the generated blocks actually exercised, counted over a test file and
 * printed at its end: a generator that silently stops producing reverts,
 * invalid transactions or conflicts would otherwise go unnoticed.
 */
import type { LawRun } from './law.js'

const counts = new Map<string, number>()

function bump(key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by)
}

export function recordCoverage(run: LawRun): void {
  bump('blocks')
  bump(`fork ${run.model.fork}`)
  bump('transactions', run.model.txs.length)
  for (const tx of run.model.txs) bump(`action ${tx.action.kind}`)
  for (const outcome of run.reference.outcomes) {
    if (outcome.kind === 'executed') bump(`outcome ${outcome.status}`)
    else bump(`invalid: ${errorClass(outcome.error)}`)
  }
  for (const execution of run.parallel) {
    bump('parallel executions')
    const stats = execution.stats as Record<string, unknown>
    if (Number(stats.fallbacks ?? 0) > 0) bump(`fallback: ${String(stats.fallbackReason).replace(/\d+/g, 'N')}`)
    else if (Number(stats.reExecutions ?? 0) > 0) bump('parallel executions with re-executions')
  }
}

function errorClass(error: string): string {
  const message = error.replace(/\s*\((vm hf|tx type)=.*$/s, '') // drop the block and transaction postfix
  if (/EIP-3607/.test(message)) return 'sender has code'
  if (/correct nonce/i.test(message)) return 'nonce'
  if (/enough funds/i.test(message)) return 'balance'
  if (/base ?fee/i.test(message)) return 'fee cap under base fee'
  if (/higher gas limit than the block/.test(message)) return 'gas over the block'
  if (/intrinsic|gas limit is too low/i.test(message)) return 'intrinsic gas'
  return message.slice(0, 80)
}

export function coverageReport(title: string): string {
  const lines = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => `  ${key}: ${count}`)
  return `${title}\n${lines.join('\n')}`
}

export function coverageCount(key: string): number {
  return counts.get(key) ?? 0
}
