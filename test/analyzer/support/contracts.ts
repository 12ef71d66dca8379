/** Runtime bytecodes for the analyzer tests: the vendored contracts and the ones compiled into fixtures/analyzer. */
import { readFileSync } from 'node:fs'

const ROOT = new URL('../../../fixtures/', import.meta.url)

/** A vendored runtime bytecode (fixtures/contracts/<name>.hex), with placeholder addresses replaced. */
export function vendoredCode(name: string, replace: Record<string, string> = {}): Uint8Array {
  let hex = readFileSync(new URL(`contracts/${name}.hex`, ROOT), 'utf8').trim().replace(/^0x/, '').toLowerCase()
  for (const [placeholder, value] of Object.entries(replace)) hex = hex.split(placeholder.toLowerCase()).join(value.toLowerCase().replace(/^0x/, ''))
  return Uint8Array.from(Buffer.from(hex, 'hex'))
}

interface CompiledFixture {
  readonly runtimeBytecode: string
  readonly immutables: Record<string, { start: number; length: number }[]>
}

/** A contract compiled into fixtures/analyzer/<name>.json, with its immutables set (addresses, left-padded to 32 bytes). */
export function compiledCode(name: string, immutables: Record<string, string> = {}): Uint8Array {
  const fixture = JSON.parse(readFileSync(new URL(`analyzer/${name}.json`, ROOT), 'utf8')) as CompiledFixture
  const code = Uint8Array.from(Buffer.from(fixture.runtimeBytecode.slice(2), 'hex'))
  for (const [variable, places] of Object.entries(fixture.immutables)) {
    const value = immutables[variable]
    if (value === undefined) throw new Error(`${name}: no value for immutable ${variable}`)
    const word = Buffer.from(value.replace(/^0x/, '').padStart(64, '0'), 'hex')
    for (const { start, length } of places) code.set(word.subarray(32 - length), start)
  }
  return code
}

/** EIP-1167 minimal proxy runtime code forwarding to `target`. */
export function minimalProxyCode(target: string): Uint8Array {
  return Uint8Array.from(Buffer.from(`363d3d373d3d3d363d73${target.replace(/^0x/, '')}5af43d82803e903d91602b57fd5bf3`, 'hex'))
}
