import { writeFileSync } from 'node:fs'

import type { BlockExecution } from '../../../executor/blockExecution.js'
import { loadBlockInput } from '../../../executor/blockInput.js'
import { executeBlock, shutdown } from '../../index.js'
import { cryptoBackend } from '../../chain/crypto/nativeCrypto.js'
import { checkAgainstHeader, type HeaderCheck } from '../../headerCheck.js'
import { postStateJson } from '../../postStateJson.js'
import { usageError } from '../../shared/errors.js'
import { median } from '../../shared/stats.js'
import type { Command } from '../command.js'
import type { CheckpointStats } from '../../../executor/checkpoints/checkpointStats.js'

export const runCommand: Command = {
  spec: {
    name: 'run',
    summary: 'execute a block directory and check it against its header',
    usage: 'pevm run <blockDir> [--workers N | --sequential] [--always-parallel] [--checkpoints] [--json] [--repeat K] [--post-state <file>]',
    details: [
      'A block directory holds block.json (eth_getBlockByNumber with full transactions),',
      'pre_state.json and optionally block_hashes.json; each may be gzip-compressed (.gz).',
      'Checks gasUsed, logsBloom and (from Byzantium) receiptsRoot; exits 1 if any differs',
      'or a transaction is invalid, 2 on bad input.',
      'A block the parallel engine cannot gain on (fewer than two transactions, a few milliseconds',
      'of work, or one sender\'s chain of nonces) runs on the sequential reference (a chain\'s',
      'senders recovered on the workers), and the report says why.',
    ].join('\n'),
    options: {
      workers: { kind: 'integer', valueName: 'N', min: 1, max: 64, description: 'worker threads of the parallel engine (default: the machine\'s cores)' },
      sequential: { kind: 'flag', description: 'use the sequential reference (ethereumjs runTx in order) instead' },
      'always-parallel': { kind: 'flag', description: 'run the parallel engine even on a block it cannot gain on (small, or one sender\'s chain)' },
      checkpoints: { kind: 'flag', description: 'read checkpoints: a re-execution resumes from a snapshot before its first invalidated read' },
      json: { kind: 'flag', description: 'print one JSON object instead of a summary' },
      repeat: { kind: 'integer', valueName: 'K', min: 1, description: 'execute K times in this process; report the median ms of runs 2..K' },
      'post-state': { kind: 'string', valueName: 'file', description: "write the post-state in pre_state.json's format (sorted, byte-comparable)" },
    },
  },
  async run(args) {
    if (args.positionals.length !== 1) throw usageError('pevm run takes exactly one block directory (see pevm run --help)')
    const dir = args.positionals[0]!
    const repeat = args.integers.get('repeat') ?? 1
    if (args.flags.has('sequential') && args.integers.has('workers')) throw usageError('pevm run: --workers and --sequential exclude each other')
    if (args.flags.has('sequential') && args.flags.has('checkpoints')) throw usageError('pevm run: --checkpoints is an option of the parallel engine, not of --sequential')
    if (args.flags.has('sequential') && args.flags.has('always-parallel')) throw usageError('pevm run: --always-parallel and --sequential exclude each other')
    const input = loadBlockInput(dir)
    const options = { sequential: args.flags.has('sequential'), alwaysParallel: args.flags.has('always-parallel'), workers: args.integers.get('workers'), checkpoints: args.flags.has('checkpoints') }
    const runs: BlockExecution[] = []
    try {
      for (let i = 0; i < repeat; i++) runs.push(await executeBlock(input, options))
    } finally {
      await shutdown()
    }
    const execution = runs[runs.length - 1]!
    const ms = repeat === 1 ? execution.ms : median(runs.slice(1).map((run) => run.ms))
    const check = checkAgainstHeader(input.parsed.block, execution)
    const postStateFile = args.strings.get('post-state')
    if (postStateFile !== undefined) writeFileSync(postStateFile, postStateJson(execution.postState()))
    const report = runReport(input.parsed.block.header.number, input.parsed.block.common.hardfork(), execution, check, ms, repeat)
    console.log(args.flags.has('json') ? JSON.stringify(report) : summary(report))
    return check.ok ? 0 : 1
  },
}

interface RunReport {
  block: number
  hardfork: string
  engine: string
  workers: number | undefined
  stats: Record<string, unknown>
  txs: number
  gasUsed: string
  computed: HeaderCheck['computed']
  expected: HeaderCheck['expected']
  match: HeaderCheck['match']
  ok: boolean
  ms: number
  mgasPerSec: number
  runs: number
  invalidTransactions: { index: number; error: string }[]
  warnings: readonly string[]
  crypto: ReturnType<typeof cryptoBackend>
}

function runReport(number: bigint, hardforkName: string, execution: BlockExecution, check: HeaderCheck, ms: number, runs: number): RunReport {
  return {
    block: Number(number),
    hardfork: hardforkName,
    engine: execution.stats.engine,
    workers: execution.stats.engine === 'parallel' ? (execution.stats.workers as number) : undefined,
    stats: execution.stats,
    txs: execution.outcomes.length,
    gasUsed: execution.gasUsed.toString(),
    computed: check.computed,
    expected: check.expected,
    match: check.match,
    ok: check.ok,
    ms: round(ms),
    mgasPerSec: round(Number(execution.gasUsed) / 1000 / ms),
    runs,
    invalidTransactions: execution.outcomes.flatMap((outcome) => (outcome.kind === 'invalid' ? [{ index: outcome.index, error: outcome.error }] : [])),
    warnings: execution.warnings,
    crypto: cryptoBackend(),
  }
}

function summary(report: RunReport): string {
  const mark = (ok: boolean | null) => (ok === null ? '– (not checkable before Byzantium)' : ok ? 'ok' : 'MISMATCH')
  const lines = [
    `block ${report.block} (${report.hardfork}): ${report.txs} transactions, ${report.gasUsed} gas — ${report.engine}${report.workers !== undefined ? `, ${report.workers} workers` : ''}`,
    `  gasUsed       ${mark(report.match.gasUsed)}${report.match.gasUsed ? '' : ` (computed ${report.computed.gasUsed}, header ${report.expected.gasUsed})`}`,
    `  logsBloom     ${mark(report.match.logsBloom)}`,
    `  receiptsRoot  ${mark(report.match.receiptsRoot)}${report.match.receiptsRoot === false ? ` (computed ${report.computed.receiptsRoot}, header ${report.expected.receiptsRoot})` : ''}`,
    ...(typeof report.stats.engineChosenBecause === 'string' ? [`  sequential reference chosen: ${report.stats.engineChosenBecause} (--always-parallel to run the engine)`] : []),
    `  ${report.ms} ms${report.runs > 1 ? ` (median of runs 2..${report.runs})` : ''}, ${report.mgasPerSec} Mgas/s`,
  ]
  if (report.engine === 'parallel') {
    const stats = report.stats as { executions: number; reExecutions: number; staleRestarts: number; validations: number; fallbacks: number }
    lines.push(
      `  ${stats.executions} executions (${stats.reExecutions} re-executions, ${stats.staleRestarts} stopped at a stale read and restarted), ${stats.validations} validations, ${stats.fallbacks} fallbacks`,
    )
    const checkpoints = report.stats.checkpoints as CheckpointStats | undefined
    if (checkpoints !== undefined && checkpoints.taken > 0) {
      lines.push(`  read checkpoints: ${checkpoints.taken} taken (~${Math.round(checkpoints.bytes / 1024)} KiB), ${checkpoints.used} re-executions resumed (${checkpoints.gasSkipped} gas not re-run), ${checkpoints.fullRestarts} started over`)
    }
  }
  for (const invalid of report.invalidTransactions) lines.push(`  invalid transaction ${invalid.index}: ${invalid.error}`)
  for (const warning of report.warnings) lines.push(`  note: ${warning}`)
  lines.push(report.ok ? 'OK' : 'FAILED')
  return lines.join('\n')
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
