/**
 * The file piscina loads in each worker thread. Piscina first tries
 * `require(file)`; on Node 20.19+ that starts loading an ES module graph
 * synchronously, and a dependency that cannot be required that way leaves
 * the graph half-loaded ("Unexpected status of a module that is imported
 * again after being required"). This CommonJS shim keeps the worker's ES
 * modules on the `import()` path only.
 */
import type { WorkerReport, WorkerTask } from './workerTask.js'

type RunBlockInWorker = (task: WorkerTask) => Promise<WorkerReport>

let run: Promise<RunBlockInWorker> | undefined

module.exports = async function runBlock(task: WorkerTask): Promise<WorkerReport> {
  run ??= import('./worker.js').then((module) => module.default)
  return (await run)(task)
}
