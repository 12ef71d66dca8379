/**
 * The vendored GeneralStateTests: one gzip-compressed JSON file per fixture
 * file of ethereum/tests, under fixtures/ethereum-tests/GeneralStateTests/,
 * named by their path there (`stExample/add11.json`).
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

import { readJsonFile } from '../../src/blockDirectory/readJsonFile.js'
import { projectRoot } from '../../src/shared/projectRoot.js'
import type { StateTestFile } from './stateTest.js'

export const FIXTURE_ROOT = join(projectRoot(), 'fixtures', 'ethereum-tests', 'GeneralStateTests')

/** Every fixture file (relative path, `.json`), sorted; only those matching `filter` when given. */
export function listFixtureFiles(filter?: string): string[] {
  const files: string[] = []
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`)
      else if (entry.name.endsWith('.json.gz')) files.push(prefix + entry.name.slice(0, -'.gz'.length))
    }
  }
  walk(FIXTURE_ROOT, '')
  files.sort()
  if (filter === undefined) return files
  const matches = fileMatcher(filter)
  return files.filter(matches)
}

export function readFixtureFile(file: string): StateTestFile {
  return readJsonFile(join(FIXTURE_ROOT, `${file}.gz`)) as StateTestFile
}

/**
 * A glob over the relative path (`*` within a folder, `**` across folders,
 * `?` one character; `stTimeConsuming/**`, `**\/add11*`), or, without glob
 * characters, a substring of it.
 */
export function fileMatcher(filter: string): (file: string) => boolean {
  if (!/[*?]/.test(filter)) return (file) => file.includes(filter)
  let pattern = ''
  for (let i = 0; i < filter.length; i++) {
    const char = filter[i]!
    if (char === '*' && filter[i + 1] === '*') {
      pattern += '.*'
      i++
      if (filter[i + 1] === '/') i++
    } else if (char === '*') pattern += '[^/]*'
    else if (char === '?') pattern += '[^/]'
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  const regex = new RegExp(`^${pattern}$`)
  return (file) => regex.test(file) || regex.test(file.replace(/\.json$/, ''))
}
