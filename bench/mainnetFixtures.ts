import { readdirSync } from 'node:fs'
import { join } from 'node:path'

import { type BlockInput, loadBlockInput } from '../executor/blockInput.js'
import { projectRoot } from '../src/shared/projectRoot.js'

/** The vendored mainnet block directories, oldest first. */
export const MAINNET_DIR = join(projectRoot(), 'fixtures', 'mainnet') + '/'

export function mainnetBlockDirs(): string[] {
  return readdirSync(MAINNET_DIR)
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => MAINNET_DIR + name)
}

/** Loads every block (loading is never timed), printing progress on stderr. */
export function loadMainnetBlocks(dirs = mainnetBlockDirs()): { dir: string; input: BlockInput }[] {
  return dirs.map((dir, i) => {
    progress(`loading ${i + 1}/${dirs.length} ${dir.split('/').pop()}`)
    return { dir, input: loadBlockInput(dir) }
  })
}

export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`)
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
}
