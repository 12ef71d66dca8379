/**
 * A block's transactions as a builder's mempool: mempool.json (the
 * transactions, shuffled with a seed), header.json (the block without its
 * transactions), and the block's pre_state.json and block_hashes.json beside
 * them — the input `pevm order` takes.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

import { loadBlockDirectory } from '../../src/blockDirectory/loadBlockDirectory.js'
import { findJsonFile } from '../../src/blockDirectory/readJsonFile.js'
import { Prng } from '../../scheduler/simulator/prng.js'

export function writeMempoolFromBlock(blockDir: string, outDir: string, seed: number): string {
  const { block } = loadBlockDirectory(blockDir)
  const { transactions, ...header } = block as unknown as { transactions: Record<string, unknown>[] } & Record<string, unknown>
  const shuffled = [...transactions]
  const random = new Prng(seed)
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.below(i + 1)
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  mkdirSync(outDir, { recursive: true })
  const mempool = join(outDir, 'mempool.json')
  writeFileSync(mempool, JSON.stringify(shuffled))
  writeFileSync(join(outDir, 'header.json'), JSON.stringify(header))
  for (const name of ['pre_state.json', 'block_hashes.json']) {
    const file = findJsonFile(blockDir, name)
    if (file !== undefined) copyFileSync(file, join(outDir, basename(file)))
  }
  return mempool
}
