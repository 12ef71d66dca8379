/**
 * Two wrappers on ethereumjs's Interpreter prototype, active only for EVMs
 * that carry a checkpoint session (attachCheckpointSession) and only in the
 * outermost call frame (depth 0):
 *
 * - `run`: when the frame starts, the session may restore a checkpoint and
 *   the frame then starts at the checkpoint's program counter (ethereumjs's
 *   own `opts.pc`);
 * - `runStep`: before an instruction that reads state or calls, the session
 *   may take a checkpoint. Nothing of the instruction has happened yet (no
 *   gas charged, no operand popped), so resuming there re-runs it whole.
 *
 * A nested frame's JavaScript stack cannot be captured, so checkpoints are
 * outermost-frame only: a read inside a call resumes from the checkpoint
 * taken before that CALL instruction.
 */
import { interpreterPrototype } from '../evm/interpreterModule.js'
import type { InterpreterInternals } from './frameState.js'
import { READING_OPCODES } from './readLocation.js'

/** What the hooks call; implemented by CheckpointSession. */
export interface CheckpointHooks {
  readonly enabled: boolean
  /** The outermost frame starts: the program counter to resume at, or undefined to start at 0. */
  enterOutermostFrame(interpreter: InterpreterInternals): number | undefined
  /** The outermost frame is about to run a reading instruction (runState.opCode). */
  beforeRead(interpreter: InterpreterInternals): void
}

const SESSION = Symbol('pevm.checkpointSession')

interface HookedEvm {
  [SESSION]?: CheckpointHooks
}

interface InterpreterPrototype {
  run(this: InterpreterInternals, code: Uint8Array, opts?: { pc?: number }): Promise<unknown>
  runStep(this: InterpreterInternals, opcode?: unknown): Promise<void>
}

let installed: Promise<void> | undefined

/** Installs the wrappers once per thread (EVMs without a session are unaffected but for one property check per step). */
export function installCheckpointHooks(): Promise<void> {
  installed ??= install()
  return installed
}

export function attachCheckpointSession(evm: object, session: CheckpointHooks): void {
  ;(evm as HookedEvm)[SESSION] = session
}

async function install(): Promise<void> {
  const prototype = await interpreterPrototype<InterpreterPrototype>()
  const run = prototype.run
  const runStep = prototype.runStep
  prototype.run = function runFromCheckpoint(code, opts = {}) {
    const session = (this._evm as HookedEvm)[SESSION]
    if (session !== undefined && session.enabled && this._env.depth === 0) {
      const pc = session.enterOutermostFrame(this)
      if (pc !== undefined) return run.call(this, code, { ...opts, pc })
    }
    return run.call(this, code, opts)
  }
  prototype.runStep = function stepWithCheckpoints(opcode) {
    const session = (this._evm as HookedEvm)[SESSION]
    if (session !== undefined && session.enabled && this._env.depth === 0 && READING_OPCODES[this._runState.opCode] === 1) {
      session.beforeRead(this)
    }
    return runStep.call(this, opcode)
  }
}
