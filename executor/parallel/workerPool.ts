/**
 * One long-lived piscina pool of worker threads, kept warm across blocks
 * (a thread costs ~150 ms to start with ethereumjs loaded, and its first
 * blocks run slower while the JIT warms up). Workers run the compiled
 * JavaScript in dist/ (worker threads do not inherit a TypeScript loader).
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

import { Piscina } from 'piscina'

import { projectRoot } from '../../src/shared/projectRoot.js'

let pool: Piscina | undefined

const YOUNG_GENERATION_MB = 64

export function workerScript(): string {
  const script = join(projectRoot(), 'dist', 'executor', 'parallel', 'workerEntry.cjs')
  if (!existsSync(script)) throw new Error(`the worker script ${script} is missing: run npm run build`)
  return script
}

/** The worker threads a caller asked for, or one per core. */
export function workerCount(requested: number | undefined): number {
  return requested ?? availableParallelism()
}

/** The pool with exactly `threads` threads (re-created when the count changes). */
export function workerPool(threads: number): Piscina {
  if (pool !== undefined && pool.options.maxThreads !== threads) {
    void pool.destroy()
    pool = undefined
  }
  pool ??= new Piscina({
    filename: workerScript(),
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    // ethereumjs allocates a lot of short-lived objects (bigints, Uint8Arrays):
    // a larger young generation means fewer scavenges on the workers' hot path.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  })
  return pool
}

/** Stops the threads (call before a process wants to exit; an idle pool would otherwise keep it alive a minute). */
export async function closeWorkerPool(): Promise<void> {
  const closing = pool
  pool = undefined
  await closing?.destroy()
}
