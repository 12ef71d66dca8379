/**
 * Where read checkpoints hook into ethereumjs's interpreter, in the outermost
 * call frame (depth 0) of EVMs that carry a checkpoint session:
 *
 * - `Interpreter.prototype.run` (once per frame): when the outermost frame
 *   starts, the session may restore a checkpoint, and the frame then starts
 *   at the checkpoint's program counter (ethereumjs's own `opts.pc`);
 * - the gas handlers of the state-reading and calling instructions in the
 *   EVM's own opcode table: the gas handler is the first thing a step runs,
 *   so nothing of the instruction has happened yet (no gas charged, no
 *   operand popped) and resuming there re-runs it whole. Wrapping these few
 *   handlers, not every step, keeps instructions that read nothing at their
 *   own cost. SELFBALANCE has no gas handler: a read invalidated there
 *   resumes from the checkpoint before it.
 *
 * A nested frame's JavaScript stack cannot be captured, so checkpoints are
 * outermost-frame only: a read inside a call resumes from the checkpoint
 * taken before that CALL instruction.
 */
import { interpreterPrototype } from '../evm/interpreterModule.js'
import { OPCODE_TABLE_VARIANT } from '../evm/jumpDestinationCache.js'
import type { InterpreterInternals, RunStateInternals } from './frameState.js'
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
  _opcodeMap: OpcodeEntry[] & { [OPCODE_TABLE_VARIANT]?: string }
}

interface OpcodeEntry {
  opcodeInfo: { code: number; dynamicGas: boolean }
  gasHandler?: (runState: RunStateInternals & { interpreter: InterpreterInternals; env: { depth: number } }, gas: bigint, common: unknown) => Promise<bigint> | bigint
}

interface InterpreterPrototype {
  run(this: InterpreterInternals, code: Uint8Array, opts?: { pc?: number }): Promise<unknown>
}

let installed: Promise<void> | undefined

/** Installs the `run` wrapper once per thread (EVMs without a session are unaffected but for one property check per frame). */
export function installCheckpointHooks(): Promise<void> {
  installed ??= install()
  return installed
}

/**
 * Gives an EVM a session, wrapping its opcode table's reading instructions.
 * Call before the EVM runs anything: ethereumjs copies table entries into
 * its per-code jump analysis, which the jump-destination cache shares between
 * EVMs whose tables are alike — so the wrapped table is marked as a variant.
 */
export function attachCheckpointSession(evm: object, session: CheckpointHooks): void {
  const hooked = evm as HookedEvm
  hooked[SESSION] = session
  const table = hooked._opcodeMap
  if (table[OPCODE_TABLE_VARIANT] === 'read checkpoints') return
  table[OPCODE_TABLE_VARIANT] = 'read checkpoints'
  for (const entry of new Set(table)) {
    const gasHandler = entry.gasHandler
    if (READING_OPCODES[entry.opcodeInfo.code] !== 1 || !entry.opcodeInfo.dynamicGas || gasHandler === undefined) continue
    // The session is looked up from the running EVM, never captured: analysed codes (holding these
    // entries) are shared between EVMs with alike tables, and each EVM has its own session.
    entry.gasHandler = (runState, gas, common) => {
      const current = (runState.interpreter._evm as unknown as HookedEvm)[SESSION]
      if (current !== undefined && current.enabled && runState.env.depth === 0) current.beforeRead(runState.interpreter)
      return gasHandler(runState, gas, common)
    }
  }
}

async function install(): Promise<void> {
  const prototype = await interpreterPrototype<InterpreterPrototype>()
  const run = prototype.run
  prototype.run = function runFromCheckpoint(code, opts = {}) {
    const session = (this._evm as unknown as HookedEvm)[SESSION]
    if (session !== undefined && session.enabled && this._env.depth === 0) {
      const pc = session.enterOutermostFrame(this)
      if (pc !== undefined) return run.call(this, code, { ...opts, pc })
    }
    return run.call(this, code, opts)
  }
}
