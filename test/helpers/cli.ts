import { spawnSync } from 'node:child_process'

const BIN = new URL('../../bin/pevm.js', import.meta.url).pathname

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the built `pevm` (npm test builds it first) as a user would. */
export function pevm(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
