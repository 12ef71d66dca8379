import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { parseArgs } from '../../src/cli/args.js'
import { analyzeCommand } from '../../src/cli/commands/analyze.js'
import { SMALL_BLOCK, smallBlock } from './support/mainnet.js'

const cacheDir = mkdtempSync(join(tmpdir(), 'pevm-analyze-test-cache-'))

async function run(...argv: string[]): Promise<string> {
  const printed: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line))
  try {
    expect(await analyzeCommand.run(parseArgs(analyzeCommand.spec, [...argv, '--cache-dir', cacheDir]))).toBe(0)
  } finally {
    log.mockRestore()
  }
  return printed.join('\n')
}

/** A mempool directory: the small block's transactions as mempool.json, its pre_state.json beside it. */
function mempoolDir(transactions: unknown[] = smallBlock().block.transactions): string {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-mempool-'))
  writeFileSync(join(dir, 'mempool.json'), JSON.stringify(transactions))
  writeFileSync(join(dir, 'pre_state.json'), gunzipSync(readFileSync(join(SMALL_BLOCK, 'pre_state.json.gz'))))
  return dir
}

afterEach(() => vi.restoreAllMocks())

describe('pevm analyze', () => {
  it('summarises a block directory: sources, edges, critical path, speedup bound', async () => {
    const output = await run(SMALL_BLOCK)
    expect(output).toMatch(/^block 19923400: 24 transactions — facts [\d.]+ ms, bytecode [\d.]+ ms, accesslist [\d.]+ ms/)
    expect(output).toMatch(/speedup bound 2: [\d.]+×/)
  })

  it('prints predictions per transaction, edges and metrics as JSON, and writes DOT', async () => {
    const dot = join(mkdtempSync(join(tmpdir(), 'pevm-dot-')), 'graph.dot')
    const json = JSON.parse(await run(SMALL_BLOCK, '--json', '--sources', 'facts', '--dot', dot))
    expect(json.transactions).toHaveLength(24)
    expect(json.transactions[23].predictions[0]).toMatchObject({ source: 'facts', confidence: 'certain' })
    expect(json.edges).toContainEqual(expect.objectContaining({ from: 22, to: 23, confidence: 'certain' }))
    expect(json.metrics.transactions).toBe(24)
    expect(readFileSync(dot, 'utf8')).toMatch(/^digraph "block 19923400" \{/)
  })

  it('reads a mempool file with pre_state.json beside it, and a hints file', async () => {
    const dir = mempoolDir()
    const hints = join(dir, 'hints.json')
    writeFileSync(hints, JSON.stringify({ format: 'pevm-hints/1', transactions: [{ index: 5, dependsOn: [1] }] }))
    const json = JSON.parse(await run(join(dir, 'mempool.json'), '--json', '--sources', `facts,hints:${hints}`))
    expect(json.input).toBe('mempool.json')
    expect(json.edges).toContainEqual(expect.objectContaining({ from: 1, to: 5, declared: true, sources: [`hints:${hints}`] }))
  })

  it('rejects malformed input with one line naming the file and the entry', async () => {
    const dir = mempoolDir([{ from: '0xa11ce00000000000000000000000000000000001', to: null }, { to: '0x12' }])
    await expect(run(join(dir, 'mempool.json'))).rejects.toThrow(`${join(dir, 'mempool.json')}: transactions[1]: has no "from" (the analyzer needs the sender)`)
    const lonely = mkdtempSync(join(tmpdir(), 'pevm-lonely-'))
    writeFileSync(join(lonely, 'mempool.json'), '[]')
    await expect(run(join(lonely, 'mempool.json'))).rejects.toThrow('a mempool file needs pre_state.json (or .gz) beside it')
    await expect(run(SMALL_BLOCK, '--sources', 'simulate,oracle')).rejects.toThrow('--sources: unknown source "oracle"')
  })

  it('simulates a mempool of signed transactions when header.json is beside it', async () => {
    const dir = mempoolDir()
    const { transactions: _, ...header } = smallBlock().block
    writeFileSync(join(dir, 'header.json'), JSON.stringify(header))
    writeFileSync(join(dir, 'block_hashes.json'), gunzipSync(readFileSync(join(SMALL_BLOCK, 'block_hashes.json.gz'))))
    const json = JSON.parse(await run(join(dir, 'mempool.json'), '--json', '--sources', 'facts,simulate'))
    expect(json.sources.map((source: { name: string }) => source.name)).toEqual(['facts', 'simulate'])
    expect(json.transactions[0].predictions[1].writes.length).toBeGreaterThan(0)
  })

  it('cannot simulate a mempool without a header to execute against', async () => {
    await expect(run(join(mempoolDir(), 'mempool.json'), '--sources', 'simulate')).rejects.toThrow('--sources simulate is not available here')
  })
})
