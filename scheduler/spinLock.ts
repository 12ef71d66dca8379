/**
 * A spin lock in one word of an `Int32Array` over a SharedArrayBuffer.
 *
 *   0 = free, 1 = held.
 *
 * Acquire is `compareExchange(0 → 1)` and release is `store(0)`; both are
 * sequentially consistent, so everything written inside the critical section
 * is visible to the next holder.
 *
 * Used only around critical sections of a few loads and stores that never
 * call out, allocate shared memory or take another lock (see the lock
 * ordering notes in scheduler.ts and mvmemory.ts), so the expected wait is
 * tens of nanoseconds and sleeping would cost far more than spinning. On a
 * single thread the lock is always free: acquire never spins.
 */

const FREE = 0
const HELD = 1

export function acquireSpinLock(words: Int32Array, at: number): void {
  while (Atomics.compareExchange(words, at, FREE, HELD) !== FREE) {
    // Spin on a plain load until the word looks free, then retry the
    // exchange: keeps the cache line shared while the holder works.
    while (Atomics.load(words, at) !== FREE) {
      /* spin */
    }
  }
}

export function releaseSpinLock(words: Int32Array, at: number): void {
  Atomics.store(words, at, FREE)
}
