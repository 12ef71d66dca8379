/**
 * Worker-thread entry for the multi-threaded stress test: runs the Block-STM
 * worker loop (workerLoop.ts) over a shared Scheduler and MVMemory with the
 * toy VM (simulator/toyBlock.ts) instead of the EVM. Each execution
 * busy-waits its transaction's cost, split around its reads, plus random
 * extra pauses, so that threads interleave in many different ways.
 *
 * Compiled to dist/scheduler/testing/toyWorker.js (workers cannot load
 * TypeScript). Protocol, one block at a time:
 *   in:  ToyWorkerRequest  { kind: 'run', ... }   or { kind: 'exit' }
 *   out: ToyWorkerResponse { kind: 'finished', ... } or { kind: 'failed', ... }
 */
import { parentPort } from 'node:worker_threads'
import type { TxVersion } from '../../src/shared/types.js'
import { MVMemory, type MVMemoryBuffers } from '../mvmemory.js'
import { ReadSet, ReadSlot } from '../readSet.js'
import { Scheduler, type SchedulerBuffers } from '../scheduler.js'
import { Prng } from '../simulator/prng.js'
import { effectiveValue, fillWriteSet, toyEffects, type ToyBlock } from '../simulator/toyBlock.js'
import { runWorker, type ExecutionResult, type TxRunner } from '../workerLoop.js'
import { WriteSet } from '../writeSet.js'

export interface ToyWorkerRun {
  readonly kind: 'run'
  readonly blockSeed: number
  readonly worker: number
  readonly block: ToyBlock
  readonly scheduler: SchedulerBuffers
  readonly memory: MVMemoryBuffers
  /** Upper bound of the random extra pause around each read, in µs. */
  readonly jitterMicros: number
}

export type ToyWorkerRequest = ToyWorkerRun | { readonly kind: 'exit' }

export type ToyWorkerResponse =
  | { readonly kind: 'finished'; readonly blockSeed: number; readonly worker: number; readonly outcome: 'done' | 'halted'; readonly executions: number; readonly validations: number }
  | { readonly kind: 'failed'; readonly blockSeed: number; readonly worker: number; readonly message: string }

function busyWait(micros: number): void {
  if (micros <= 0) return
  const end = performance.now() + micros / 1000
  while (performance.now() < end) {
    /* burn the transaction's cost */
  }
}

class ToyRunner implements TxRunner {
  private readonly readSet = new ReadSet()
  private readonly writeSet = new WriteSet()
  private readonly slot = new ReadSlot()

  constructor(
    private readonly block: ToyBlock,
    private readonly scheduler: Scheduler,
    private readonly mv: MVMemory,
    private readonly prng: Prng,
    private readonly jitterMicros: number,
  ) {}

  execute(version: TxVersion): ExecutionResult {
    const { tx } = version
    const spec = this.block.transactions[tx]!
    const { readSet, writeSet, slot } = this
    readSet.clear()
    writeSet.clear()
    const slice = spec.cost / (spec.reads.length + 1)
    const values: bigint[] = []
    for (const key of spec.reads) {
      busyWait(slice + this.prng.next() * this.jitterMicros)
      // Re-read after a dependency that resolved meanwhile, as the executor will.
      while (this.mv.readInto(key, tx, slot) === 'blocked') {
        if (this.scheduler.addDependency(tx, slot.blockedOn)) return { kind: 'suspended' }
      }
      readSet.add(slot)
      values.push(effectiveValue(key, slot))
    }
    busyWait(slice)
    fillWriteSet(toyEffects(tx, spec, values), writeSet)
    return { kind: 'completed', readSet, writeSet }
  }
}

parentPort?.on('message', (request: ToyWorkerRequest) => {
  if (request.kind === 'exit') {
    parentPort!.close()
    return
  }
  const { blockSeed, worker } = request
  let response: ToyWorkerResponse
  try {
    const scheduler = Scheduler.attach(request.scheduler)
    const mv = MVMemory.attach(request.memory)
    const runner = new ToyRunner(request.block, scheduler, mv, new Prng(blockSeed * 64 + worker), request.jitterMicros)
    const report = runWorker(scheduler, mv, runner)
    response = { kind: 'finished', blockSeed, worker, ...report }
  } catch (error) {
    response = { kind: 'failed', blockSeed, worker, message: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) }
  }
  parentPort!.postMessage(response)
})
