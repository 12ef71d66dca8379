/**
 * A full collection of the main thread's heap, outside any timer, so that a
 * measured run does not pay for garbage an earlier run left behind. Works
 * with or without `node --expose-gc`: the flag is set at run time and the
 * `gc` function taken from a fresh context (V8 installs it in new contexts).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let gc: (() => void) | undefined

export function collectGarbage(): void {
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc
    if (exposed !== undefined) gc = exposed
    else {
      setFlagsFromString('--expose-gc')
      gc = runInNewContext('gc') as () => void
    }
  }
  gc()
}
