/**
 * ethereumjs's `Interpreter` class, which `@ethereumjs/evm` does not export.
 * It is a module of the package's ESM build: importing that file by URL
 * yields the very module instance the EVM uses, so a wrapper installed on its
 * prototype applies to every EVM of this thread.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The ESM build's interpreter module, found beside the package's CommonJS entry point. */
function interpreterModuleUrl(): string {
  const commonJsEntry = createRequire(import.meta.url).resolve('@ethereumjs/evm')
  return pathToFileURL(join(dirname(commonJsEntry), '..', 'esm', 'interpreter.js')).href
}

export async function interpreterPrototype<Prototype>(): Promise<Prototype> {
  const { Interpreter } = (await import(interpreterModuleUrl())) as { Interpreter: { prototype: Prototype } }
  return Interpreter.prototype
}
