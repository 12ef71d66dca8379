/**
 * Bytecode summaries by code hash: in memory, and optionally on disk (one
 * JSON file per code hash under `dir`, written once, read on the next run).
 * A summary is computed at most once per code hash per process; callers
 * summarise the contracts a block calls before predicting its transactions
 * (`prepare`), so that the ~55 ms per contract stays off the
 * per-transaction path. `stats` says how much was computed, and how long
 * that took.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { type BytecodeSummary, type FunctionSummary, SUMMARY_VERSION, summarizeBytecode } from './bytecodeSummary.js'

export interface LoadedSummary {
  readonly summary: BytecodeSummary
  /** By selector (8 hex digits). */
  readonly functions: ReadonlyMap<string, FunctionSummary>
}

export interface SummaryStats {
  memoryHits: number
  diskHits: number
  computed: number
  computeMs: number
}

export class SummaryCache {
  private readonly loaded = new Map<string, LoadedSummary>()
  readonly stats: SummaryStats = { memoryHits: 0, diskHits: 0, computed: 0, computeMs: 0 }

  /** `dir`: where to keep summaries between runs (created if missing); memory only when undefined. */
  constructor(private readonly dir?: string) {
    if (dir !== undefined) mkdirSync(dir, { recursive: true })
  }

  get(code: Uint8Array, codeHash: Uint8Array): LoadedSummary {
    const hash = Buffer.from(codeHash).toString('hex')
    const known = this.loaded.get(hash)
    if (known !== undefined) {
      this.stats.memoryHits++
      return known
    }
    const summary = this.readDisk(hash) ?? this.compute(code, hash)
    const loaded = { summary, functions: new Map(summary.functions.map((fn) => [fn.selector, fn])) }
    this.loaded.set(hash, loaded)
    return loaded
  }

  private compute(code: Uint8Array, hash: string): BytecodeSummary {
    const started = performance.now()
    const summary = summarizeBytecode(code)
    this.stats.computeMs += performance.now() - started
    this.stats.computed++
    if (this.dir !== undefined) {
      const file = join(this.dir, `${hash}.json`)
      writeFileSync(`${file}.tmp`, JSON.stringify(summary))
      renameSync(`${file}.tmp`, file)
    }
    return summary
  }

  private readDisk(hash: string): BytecodeSummary | undefined {
    if (this.dir === undefined) return undefined
    const file = join(this.dir, `${hash}.json`)
    if (!existsSync(file)) return undefined
    try {
      const summary = JSON.parse(readFileSync(file, 'utf8')) as BytecodeSummary
      if (summary.version !== SUMMARY_VERSION) return undefined
      this.stats.diskHits++
      return summary
    } catch {
      return undefined
    }
  }
}
