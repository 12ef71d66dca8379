/**
 * Child process of the memory figure (memory.ts): loads one block, executes
 * it `runs` times with one engine, and prints one line
 *   MEMORY {"maxRssKb":…,"loadedRssKb":…}
 * Run under `node --trace-gc` so that the parent can sum every isolate's
 * (main thread and workers) allocation from the GC trace.
 *
 *   node --trace-gc dist/bench/report/memoryProbe.js <sequential|parallel> <blockDir> <runs> <workers>
 */
import { loadBlockInput } from '../../executor/blockInput.js'
import { executeParallel } from '../../executor/parallel/executeParallel.js'
import { closeWorkerPool } from '../../executor/parallel/workerPool.js'
import { executeSequential } from '../../executor/sequential/executeSequential.js'

const [engine, dir, runsText, workersText] = process.argv.slice(2)
if (dir === undefined || (engine !== 'sequential' && engine !== 'parallel')) throw new Error('usage: memoryProbe.js <sequential|parallel> <blockDir> <runs> <workers>')
const input = loadBlockInput(dir)
const loadedRssKb = Math.round(process.memoryUsage().rss / 1024)
for (let i = 0; i < Number(runsText ?? 1); i++) {
  if (engine === 'sequential') await executeSequential(input)
  else await executeParallel(input, { workers: Number(workersText ?? 2) })
}
await closeWorkerPool()
console.log(`MEMORY ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, loadedRssKb })}`)
