/**
 * "Why" for the report's worst block: a CPU profile of each engine on it.
 * Each engine runs in a child process (memoryProbe.ts as the runner) under
 * `node --cpu-prof`, which writes one .cpuprofile per thread (main thread and
 * every worker). Self time is summed per category of code (by the source
 * file of the sampled function) over all threads, warm-up removed by
 * difference (see profileEngine): where a block's CPU time goes in each engine.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { projectRoot } from '../../src/shared/projectRoot.js'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** Ordered: the first matching rule names the category. */
const CATEGORIES: readonly { readonly name: string; readonly matches: (frame: ProfileNode['callFrame']) => boolean }[] = [
  { name: 'garbage collection', matches: (f) => f.functionName === '(garbage collector)' },
  { name: 'idle / waiting', matches: (f) => ['(idle)', 'wait', 'atomicsWait', 'atomicsWaitLoop'].includes(f.functionName) },
  { name: 'EVM interpreter (@ethereumjs/evm)', matches: (f) => f.url.includes('@ethereumjs/evm') },
  { name: 'ethereumjs vm, tx, block, common, util (and @scure hex)', matches: (f) => /@ethereumjs\/(vm|tx|block|common|util|rlp|mpt)|@scure\//.test(f.url) },
  { name: 'hashing and signatures (keccak, secp256k1, noble)', matches: (f) => /keccak|secp256k1|@noble|ethereum-cryptography/.test(f.url) },
  { name: 'Block-STM scheduler and MV memory (scheduler/)', matches: (f) => f.url.includes('/scheduler/') },
  { name: 'parallel engine: versioned state, workers (executor/parallel/)', matches: (f) => f.url.includes('/executor/parallel/') },
  { name: 'reference state, block rules, receipts (executor/)', matches: (f) => f.url.includes('/executor/') },
  { name: 'worker pool and messages (piscina, structured clone)', matches: (f) => f.url.includes('piscina') || f.url.includes('node:internal/worker') },
  { name: 'block loading and parsing (src/)', matches: (f) => f.url.includes('/src/') },
  { name: 'Node.js internals (node:…)', matches: (f) => f.url.startsWith('node:') },
  { name: 'native / runtime (program)', matches: (f) => f.functionName === '(program)' || f.url === '' },
]
const OTHER = 'other JavaScript'

export interface EngineProfile {
  readonly engine: 'sequential' | 'parallel'
  readonly threads: number
  /** Category → CPU ms per execution of the block, all threads together. */
  readonly msPerBlock: Readonly<Record<string, number>>
}

export function categorize(profile: CpuProfile, into: Map<string, number>): void {
  const categoryOf = new Map<number, string>()
  for (const node of profile.nodes) categoryOf.set(node.id, CATEGORIES.find((c) => c.matches(node.callFrame))?.name ?? OTHER)
  profile.samples.forEach((id, i) => {
    const category = categoryOf.get(id) ?? OTHER
    into.set(category, (into.get(category) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
}

/** CPU ms per category over one child process that executes the block `runs` times (loading included). */
function profileProcess(engine: 'sequential' | 'parallel', dir: string, runs: number, workers: number): { totals: Map<string, number>; threads: number } {
  const out = mkdtempSync(join(tmpdir(), 'pevm-profile-'))
  try {
    const script = join(projectRoot(), 'dist', 'bench', 'report', 'memoryProbe.js')
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', out, script, engine, dir, String(runs), String(workers)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const totals = new Map<string, number>()
    const files = readdirSync(out).filter((file) => file.endsWith('.cpuprofile'))
    for (const file of files) categorize(JSON.parse(readFileSync(join(out, file), 'utf8')) as CpuProfile, totals)
    return { totals, threads: files.length }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/**
 * CPU ms per execution by category, warm: a process executing the block
 * 1 + K times minus one executing it once, over K (loading, thread start-up
 * and the cold first execution cancel out).
 */
export function profileEngine(engine: 'sequential' | 'parallel', dir: string, options: { workers: number; repeat: number }): EngineProfile {
  const once = profileProcess(engine, dir, 1, options.workers)
  const many = profileProcess(engine, dir, 1 + options.repeat, options.workers)
  const categories = new Set([...once.totals.keys(), ...many.totals.keys()])
  const msPerBlock = [...categories]
    .map((name) => [name, Math.max(0, (many.totals.get(name) ?? 0) - (once.totals.get(name) ?? 0)) / options.repeat] as const)
    .sort((a, b) => b[1] - a[1])
  return { engine, threads: many.threads, msPerBlock: Object.fromEntries(msPerBlock) }
}
