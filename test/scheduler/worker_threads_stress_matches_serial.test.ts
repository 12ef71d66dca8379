/**
 * The real thing: worker threads running the Block-STM loop over one shared
 * Scheduler and MVMemory, with a toy VM that busy-waits tens of µs per
 * transaction. 200 random blocks (STRESS_BLOCKS, seeds from STRESS_SEED) on
 * 2-8 threads; each must finish and commit exactly the serial result. A
 * watchdog turns a hang into a failure naming the block's seed.
 */
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MVMemory } from '../../scheduler/mvmemory.js'
import { Scheduler } from '../../scheduler/scheduler.js'
import { committedValues, compareFinalValues, serialExecute } from '../../scheduler/simulator/toyBlock.js'
import { randomToyBlock } from '../../scheduler/testing/randomToyBlock.js'
import type { ToyWorkerRequest, ToyWorkerResponse } from '../../scheduler/testing/toyWorker.js'
import { TX_STATUS_NAMES } from '../../scheduler/txStatus.js'
import { builtToyWorker } from './support/builtScheduler.js'

const BLOCKS = Number(process.env.STRESS_BLOCKS ?? 200)
const FIRST_SEED = Number(process.env.STRESS_SEED ?? 1)
const WATCHDOG_MS = 20_000
const MAX_THREADS = 8

let pool: Worker[] = []

beforeAll(() => {
  const entry = builtToyWorker()
  pool = Array.from({ length: MAX_THREADS }, () => new Worker(entry))
})

afterAll(async () => {
  await Promise.all(pool.map((worker) => worker.terminate()))
})

function response(worker: Worker): Promise<ToyWorkerResponse> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ToyWorkerResponse) => {
      worker.off('error', onError)
      resolve(message)
    }
    const onError = (error: Error) => {
      worker.off('message', onMessage)
      reject(error)
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
  })
}

function describeState(scheduler: Scheduler): string {
  const statuses: string[] = []
  for (let tx = 0; tx < scheduler.txCount; tx++) {
    const { status, incarnation } = scheduler.status(tx)
    if (status !== 2) statuses.push(`${tx}:${TX_STATUS_NAMES[status]}(${incarnation})`)
  }
  return `execution_idx ${scheduler.executionIdx}, validation_idx ${scheduler.validationIdx}, active ${scheduler.numActiveTasks}, not executed: ${statuses.join(' ') || 'none'}`
}

test(`${BLOCKS} random blocks on 2-${MAX_THREADS} threads commit exactly the serial result`, async () => {
  let threadsUsed = 0
  for (let b = 0; b < BLOCKS; b++) {
    const blockSeed = FIRST_SEED + b
    const block = randomToyBlock(blockSeed)
    const txCount = block.transactions.length
    const threads = 2 + (b % (MAX_THREADS - 1))
    threadsUsed += threads
    const scheduler = Scheduler.create({ txCount })
    // Small initial areas, so that growing them under concurrent use is exercised too.
    const mv = MVMemory.create({ txCount, capacity: { entries: { initial: 4096 }, arena: { initial: 4096 }, code: { initial: 256 } } })
    const workers = pool.slice(0, threads)
    const replies = Promise.all(workers.map(response))
    workers.forEach((worker, index) => {
      const request: ToyWorkerRequest = { kind: 'run', blockSeed, worker: index, block, scheduler: scheduler.buffers, memory: mv.buffers, jitterMicros: 20 }
      worker.postMessage(request)
    })
    let timer: NodeJS.Timeout | undefined
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`block seed ${blockSeed} (${txCount} txs, ${threads} threads) did not finish within ${WATCHDOG_MS} ms: ${describeState(scheduler)}`)), WATCHDOG_MS)
    })
    let results: ToyWorkerResponse[]
    try {
      results = await Promise.race([replies, watchdog])
    } catch (error) {
      scheduler.halt() // release the workers (they may be asleep) before failing
      throw error
    } finally {
      clearTimeout(timer)
    }
    // A failed worker halts the others: report the failure, not their 'halted'.
    for (const result of results) {
      if (result.kind === 'failed') throw new Error(`block seed ${blockSeed}, worker ${result.worker}: ${result.message}`)
    }
    for (const result of results) expect(result.kind === 'finished' && result.outcome, `block seed ${blockSeed}`).toBe('done')
    expect(scheduler.isDone(), `block seed ${blockSeed}`).toBe(true)
    for (let tx = 0; tx < txCount; tx++) expect(scheduler.status(tx).status, `block seed ${blockSeed} tx ${tx}`).toBe(2)
    const difference = compareFinalValues(serialExecute(block), committedValues(mv.snapshot()))
    if (difference !== null) throw new Error(`block seed ${blockSeed} (${txCount} txs, ${threads} threads): ${difference}`)
  }
  expect(threadsUsed).toBeGreaterThan(0)
})
