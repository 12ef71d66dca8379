import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { loadBlockDirectory } from '../src/blockDirectory/loadBlockDirectory.js'
import { PevmError } from '../src/shared/errors.js'

const GOOD = new URL('../fixtures/mainnet/46147', import.meta.url).pathname

function directory(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pevm-bad-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

function loadError(dir: string): PevmError {
  try {
    loadBlockDirectory(dir)
  } catch (error) {
    expect(error).toBeInstanceOf(PevmError)
    expect((error as PevmError).name).toBe('InputError')
    expect((error as PevmError).message).not.toContain('\n')
    return error as PevmError
  }
  throw new Error(`${dir} loaded although it is bad`)
}

const minimalBlock = JSON.stringify({
  number: '0x1', timestamp: '0x1', gasLimit: '0x1', gasUsed: '0x0', miner: '0x' + '00'.repeat(20),
  parentHash: '0x' + '00'.repeat(32), logsBloom: '0x' + '00'.repeat(256), receiptsRoot: '0x' + '00'.repeat(32), transactions: [],
})

describe('loading a block directory', () => {
  it('accepts gzip-compressed files (the vendored fixtures)', () => {
    expect(loadBlockDirectory(GOOD).block.transactions).toHaveLength(1)
  })

  it('accepts plain files', () => {
    const dir = directory({ 'block.json': minimalBlock, 'pre_state.json': '{}' })
    expect(loadBlockDirectory(dir).preState.size).toBe(0)
  })

  it('names a directory that does not exist', () => {
    expect(loadError('/nonexistent/block').message).toBe('block directory /nonexistent/block does not exist')
  })

  it('names the missing file', () => {
    const dir = directory({ 'block.json': minimalBlock })
    expect(loadError(dir).message).toBe(`${dir} has no pre_state.json (nor pre_state.json.gz): not a block directory`)
  })

  it('names the file with malformed JSON', () => {
    const dir = directory({ 'block.json': '{"number": ', 'pre_state.json': '{}' })
    expect(loadError(dir).message).toMatch(new RegExp(`^${dir}/block.json is not valid JSON: `))
  })

  it('names a corrupt gzip file', () => {
    const dir = directory({ 'block.json.gz': Buffer.concat([gzipSync(minimalBlock).subarray(0, 20)]), 'pre_state.json': '{}' })
    expect(loadError(dir).message).toMatch(/block\.json\.gz is not valid gzip/)
  })

  it('names the account and field of a malformed pre-state entry', () => {
    const dir = directory({ 'block.json': minimalBlock, 'pre_state.json': JSON.stringify({ ['0x' + '11'.repeat(20)]: { balance: 'lots', nonce: '0x0', storage: {} } }) })
    expect(loadError(dir).message).toMatch(/pre_state\.json: account 0x1111111111111111111111111111111111111111\.balance: expected a hex quantity, got "lots"/)
  })

  it('rejects transaction hashes where full transactions are needed', () => {
    const dir = directory({ 'block.json': minimalBlock.replace('"transactions":[]', '"transactions":["0xabc"]'), 'pre_state.json': '{}' })
    expect(loadError(dir).message).toMatch(/transactions\[0\] is not an object \(block.json needs full transactions/)
  })

  it('says which header field is missing', () => {
    const dir = directory({ 'block.json': JSON.stringify({ transactions: [] }), 'pre_state.json': '{}' })
    expect(loadError(dir).message).toMatch(/the block has no "number"/)
  })

  it('refuses a file where a directory is expected', () => {
    const dir = directory({ 'x.txt': 'x' })
    mkdirSync(join(dir, 'sub'))
    expect(loadError(join(dir, 'x.txt')).message).toMatch(/is not a directory/)
  })
})
