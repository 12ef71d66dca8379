import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { accessListSource } from '../../analyzer/sources/accessListSource.js'
import { balSource } from '../../analyzer/sources/balSource.js'
import { hintsFileSource } from '../../analyzer/sources/hintsFileSource.js'
import type { AnalysisContext } from '../../analyzer/prediction.js'
import { address, described, preState, tx } from './support/world.js'

const ALICE = '0xa11ce00000000000000000000000000000000001'
const TOKEN = '0x7070707070707070707070707070707070707070'
const SLOT = `0x${'0'.repeat(63)}5`
const dir = mkdtempSync(join(tmpdir(), 'pevm-sources-'))

function context(count: number): AnalysisContext {
  return { txs: Array.from({ length: count }, (_, index) => tx({ from: ALICE, to: TOKEN, index })), preState: preState({}), coinbase: undefined }
}

function file(name: string, json: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(json))
  return path
}

describe('the access-list source', () => {
  it('predicts each listed slot read and written, and the listed account loaded', async () => {
    const listed = { ...tx({ from: ALICE, to: TOKEN }), accessList: [{ address: address(TOKEN), storageKeys: [address(SLOT)] }] }
    const [prediction] = await accessListSource.predict({ txs: [listed], preState: preState({}), coinbase: undefined })
    expect(described(prediction!.writes)).toEqual([`storage(${TOKEN},${SLOT})`])
    expect(described(prediction!.reads)).toEqual([`balance(${TOKEN})`, `code(${TOKEN})`, `storage(${TOKEN},${SLOT})`])
    expect(prediction!.confidence).toBe('likely')
  })
})

describe('the block-access-list source', () => {
  it('gives transaction i the changes of block access index i + 1, as reads and writes', async () => {
    const bal = file('bal.json', [{ address: TOKEN, storageChanges: [{ key: SLOT, changes: [{ index: 0, value: '0x1' }, { index: 2, value: '0x2' }] }] }])
    const predictions = await balSource(bal).predict(context(2))
    expect(predictions.map((prediction) => described(prediction.writes))).toEqual([[], [`storage(${TOKEN},${SLOT})`]])
    expect(described(predictions[1]!.reads)).toEqual([`storage(${TOKEN},${SLOT})`])
  })

  it('rejects an index past post-execution', async () => {
    const bal = file('late.json', [{ address: TOKEN, balanceChanges: [{ index: 9, value: '0x1' }] }])
    await expect(balSource(bal).predict(context(2))).rejects.toThrow(`${bal}: block access index 9 is beyond post-execution (3) for 2 transactions`)
  })
})

describe('the hints-file source', () => {
  it('predicts what the file says, and nothing for transactions it does not name', async () => {
    const hints = file('hints.json', { format: 'pevm-hints/1', confidence: 'certain', transactions: [{ index: 1, writes: [`nonce(${ALICE})`], dependsOn: [0] }] })
    const predictions = await hintsFileSource(hints).predict(context(2))
    expect(predictions[0]!.writes.size).toBe(0)
    expect(predictions[1]).toMatchObject({ dependsOn: [0], confidence: 'certain' })
  })

  it('names a missing file', async () => {
    await expect(hintsFileSource(join(dir, 'absent.json')).predict(context(1))).rejects.toThrow(`cannot read ${join(dir, 'absent.json')}: ENOENT`)
  })
})
