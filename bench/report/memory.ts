/**
 * The memory figure: peak RSS and per-block allocation of the parallel
 * engine against the sequential reference, each in its own child process
 * (memoryProbe.ts) so that peaks do not mix.
 *
 * Allocation comes from `--trace-gc`: for every isolate (the main thread and
 * each worker thread log their own GCs, tagged with the isolate's address),
 * the heap growth between consecutive GCs, summed. Warm-up (module loading,
 * JIT, worker start) cancels out by difference: allocation per block =
 * (allocation of 1 + K executions − allocation of 1 execution) / K.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

import { projectRoot } from '../../src/shared/projectRoot.js'

export interface MemoryFigure {
  readonly label: string
  readonly engine: 'sequential' | 'parallel'
  /** Peak RSS of the process (MB) over 1 + K executions, and its RSS after loading the block. */
  readonly peakRssMb: number
  readonly loadedRssMb: number
  /** MB allocated per execution of the block, all threads together. */
  readonly allocatedMbPerBlock: number
}

/** Sums, per isolate, the MB allocated between GCs ("Scavenge 12.3 (14.0) -> 11.1 (15.0) MB"). */
export function allocatedMb(gcTrace: string): number {
  const lastAfter = new Map<string, number>()
  let total = 0
  const line = /^\[\d+:(0x[0-9a-f]+)\][^:]*:\s+[A-Za-z-]+[^0-9]*?([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/
  for (const text of gcTrace.split('\n')) {
    const match = line.exec(text)
    if (match === null) continue
    const isolate = match[1]!
    const before = Number(match[2])
    const after = Number(match[4])
    total += Math.max(0, before - (lastAfter.get(isolate) ?? 0))
    lastAfter.set(isolate, after)
  }
  return total
}

function probe(engine: 'sequential' | 'parallel', dir: string, runs: number, workers: number): { allocated: number; maxRssKb: number; loadedRssKb: number } {
  const script = join(projectRoot(), 'dist', 'bench', 'report', 'memoryProbe.js')
  const output = execFileSync(process.execPath, ['--trace-gc', script, engine, dir, String(runs), String(workers)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const result = output.split('\n').find((text) => text.startsWith('MEMORY '))
  if (result === undefined) throw new Error(`memory probe of ${dir} printed no result`)
  return { allocated: allocatedMb(output), ...(JSON.parse(result.slice('MEMORY '.length)) as { maxRssKb: number; loadedRssKb: number }) }
}

export function measureMemory(label: string, dir: string, options: { workers: number; repeat: number }): MemoryFigure[] {
  return (['sequential', 'parallel'] as const).map((engine) => {
    const once = probe(engine, dir, 1, options.workers)
    const many = probe(engine, dir, 1 + options.repeat, options.workers)
    return {
      label,
      engine,
      peakRssMb: many.maxRssKb / 1024,
      loadedRssMb: many.loadedRssKb / 1024,
      allocatedMbPerBlock: Math.max(0, many.allocated - once.allocated) / options.repeat,
    }
  })
}
