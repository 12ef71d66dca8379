import { existsSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

import { inputError } from '../shared/errors.js'

/** `name` or `name.gz` inside `dir`, whichever exists (plain first); undefined if neither. */
export function findJsonFile(dir: string, name: string): string | undefined {
  const plain = `${dir}/${name}`
  if (existsSync(plain)) return plain
  const gzipped = `${plain}.gz`
  if (existsSync(gzipped)) return gzipped
  return undefined
}

/** Reads a plain or gzip-compressed JSON file; every failure names the file. */
export function readJsonFile(path: string): unknown {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw inputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, error)
  }
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
  if (isGzip) {
    try {
      bytes = gunzipSync(bytes)
    } catch (error) {
      throw inputError(`${path} is not valid gzip: ${(error as Error).message}`, error)
    }
  }
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    throw inputError(`${path} is not valid JSON: ${(error as Error).message}`, error)
  }
}
