import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { pevm } from './helpers/cli.js'
import { account, key, transfer, writeCancunBlock } from './helpers/cancunBlock.js'

const BLOCK = new URL('../fixtures/mainnet/4370000', import.meta.url).pathname

describe('pevm run', () => {
  it('prints the documented JSON fields and exits 0 on a matching block', () => {
    const result = pevm('run', BLOCK, '--sequential', '--json', '--repeat', '2')
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ block: 4370000, txs: 97, gasUsed: '6609719', match: { gasUsed: true, logsBloom: true, receiptsRoot: true }, runs: 2 })
    for (const field of ['computed', 'expected', 'ms', 'mgasPerSec']) expect(report).toHaveProperty(field)
    expect(report.computed).toEqual(report.expected)
    expect(report.ms).toBeGreaterThan(0)
  })

  it('writes the same post-state byte for byte on every run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pevm-post-'))
    expect(pevm('run', BLOCK, '--post-state', join(dir, 'a.json')).status).toBe(0)
    expect(pevm('run', BLOCK, '--post-state', join(dir, 'b.json')).status).toBe(0)
    const first = readFileSync(join(dir, 'a.json'))
    expect(first.length).toBeGreaterThan(1000)
    expect(first.equals(readFileSync(join(dir, 'b.json')))).toBe(true)
    const accounts = Object.keys(JSON.parse(first.toString()))
    expect(accounts).toEqual([...accounts].sort())
  })

  it('runs with read checkpoints and reports them', () => {
    const result = pevm('run', new URL('../fixtures/mainnet/17666333', import.meta.url).pathname, '--workers', '2', '--checkpoints', '--json')
    expect(result.status).toBe(0)
    const { stats } = JSON.parse(result.stdout)
    expect(stats.checkpoints.taken).toBeGreaterThan(0)
    for (const field of ['used', 'bytes', 'gasSkipped', 'fullRestarts', 'shared']) expect(typeof stats.checkpoints[field]).toBe('number')
  })

  it('exits 1 and names the transaction when a block holds an invalid transaction', () => {
    const alice = key(1)
    const dir = writeCancunBlock([transfer(alice.privateKey, { nonce: 3, to: key(2).address })], { [alice.address]: account(10n ** 18n) })
    // One transaction runs on the sequential reference by default (engineChoice.ts); the engine gives the same answer.
    for (const engine of [[], ['--always-parallel']]) {
      const result = pevm('run', dir, ...engine)
      expect(result.status, engine.join(' ')).toBe(1)
      expect(result.stdout).toMatch(/invalid transaction 0: the tx doesn't have the correct nonce/)
      expect(result.stdout).toContain(engine.length === 0 ? '— sequential' : '— parallel')
    }
  })

  it('answers bad input with one line and exit code 2', () => {
    for (const args of [['run', '/no/such/dir'], ['run'], ['run', BLOCK, '--repeat', 'x'], ['run', BLOCK, '--frobnicate'], ['run', BLOCK, '--sequential', '--checkpoints'], ['run', BLOCK, '--sequential', '--always-parallel'], ['nonsense']]) {
      const result = pevm(...args)
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stderr.trim().split('\n')[0]).toMatch(/^pevm/)
      expect(result.stderr).not.toMatch(/    at /)
    }
  })

  it('has --help on every command', () => {
    const overview = pevm('--help')
    expect(overview.status).toBe(0)
    const names = [...overview.stdout.matchAll(/^  (\S+)  /gm)].map((match) => match[1]!)
    expect(names).toContain('run')
    for (const name of names) {
      const help = pevm(name, '--help')
      expect(help.status, name).toBe(0)
      expect(help.stdout).toMatch(new RegExp(`^pevm ${name} — `))
      expect(help.stdout).toMatch(/usage: pevm/)
    }
  })
})
