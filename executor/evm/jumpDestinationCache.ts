/**
 * ethereumjs re-analyses a contract's jump destinations (and builds its
 * per-pc opcode table) at the start of every call frame: about a fifth of
 * execution time on mainnet blocks. The analysis depends only on the code and
 * the fork's opcode table, so we cache it by both.
 *
 * `Interpreter` is not exported by `@ethereumjs/evm`, but it is a module of the
 * package's ESM build: importing that file by URL yields the very module
 * instance the EVM uses, and we wrap `_getValidJumpDestinations` on its
 * prototype. Codes are keyed by identity: the state hands out one Uint8Array
 * per code (by code hash), so repeated calls to a contract hit the cache, and
 * a WeakMap lets init codes and dropped states be collected.
 */

interface JumpAnalysis {
  jumps: Uint8Array
  pushes: { [pc: number]: bigint }
  opcodesCached: unknown[]
}

interface InterpreterPrototype {
  _getValidJumpDestinations(this: InterpreterLike, code: Uint8Array): JumpAnalysis
}

interface InterpreterLike {
  _evm: object
}

let installed = false

export async function installJumpDestinationCache(): Promise<void> {
  if (installed) return
  const evmEntry = import.meta.resolve('@ethereumjs/evm')
  const { Interpreter } = (await import(new URL('./interpreter.js', evmEntry).href)) as {
    Interpreter: { prototype: InterpreterPrototype }
  }
  const analyse = Interpreter.prototype._getValidJumpDestinations
  const byOpcodeTable = new WeakMap<object, WeakMap<Uint8Array, JumpAnalysis>>()
  Interpreter.prototype._getValidJumpDestinations = function cachedJumpDestinations(code) {
    // The opcode table is per fork (and per EVM), so it is part of the key.
    const opcodeTable = (this._evm as { _opcodeMap: object })._opcodeMap
    let byCode = byOpcodeTable.get(opcodeTable)
    if (byCode === undefined) {
      byCode = new WeakMap()
      byOpcodeTable.set(opcodeTable, byCode)
    }
    let analysis = byCode.get(code)
    if (analysis === undefined) {
      analysis = analyse.call(this, code)
      byCode.set(code, analysis)
    }
    return analysis
  }
  installed = true
}
