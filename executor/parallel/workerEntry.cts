/**
 * The file piscina loads in each worker thread. Piscina first tries
 * `require(file)`; on Node 20.19+ that starts loading an ES module graph
 * synchronously, and a dependency that cannot be required that way leaves
 * the graph half-loaded ("Unexpected status of a module that is imported
 * again after being required"). This CommonJS shim keeps the worker's ES
 * modules on the `import()` path only.
 */
import type { SenderRecoveryTask, WorkerReport, WorkerTask } from './workerTask.js'

type RunBlockInWorker = (task: WorkerTask) => Promise<WorkerReport>

/*
 * Detach one throwaway ArrayBuffer before any code runs hot. V8 compiles
 * typed-array accesses without detach checks while no ArrayBuffer in the
 * thread was ever detached (its "ArrayBufferDetaching" protector); the first
 * detach throws away every optimized function that relied on it. rustbn-wasm's
 * first bn254 pairing grows its WebAssembly memory, which detaches the old
 * buffer: at 2 workers that came whenever a worker first met a pairing — in
 * the second to fourth run of block 17,666,333 — and discarded ~100 hot
 * functions (the interpreter's, ours, ethereumjs's utils) mid-block, to be
 * re-optimized. Paying it here, before anything is optimized, cost nothing
 * measurable (the code compiled afterwards checks for detached buffers).
 * (`node --trace-protector-invalidation` shows when it happens.)
 */
const throwaway = new ArrayBuffer(8)
structuredClone(throwaway, { transfer: [throwaway] })

type WorkerModule = { default: RunBlockInWorker; recoverSendersInWorker: (task: SenderRecoveryTask) => Promise<void> }

let loaded: Promise<WorkerModule> | undefined
const workerModule = () => (loaded ??= import('./worker.js') as Promise<WorkerModule>)

module.exports = async function runBlock(task: WorkerTask): Promise<WorkerReport> {
  return (await workerModule()).default(task)
}

/** piscina's `name: 'recoverSenders'` (poolSenderRecovery.ts). */
module.exports.recoverSenders = async function recoverSenders(task: SenderRecoveryTask): Promise<void> {
  return (await workerModule()).recoverSendersInWorker(task)
}
