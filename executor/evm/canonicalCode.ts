/**
 * One Uint8Array per distinct code, per thread, across blocks. The EVM's
 * jump-destination cache is keyed by the code array's identity; handing out
 * the same array for the same code hash lets it hit across blocks (a node
 * sees the same popular contracts block after block) and across the
 * engines' different state stores. Bounded: past the limit it starts over.
 */
const MAX_CODES = 20_000
let byHash = new Map<string, Uint8Array>()

/** The canonical array for `code`, whose keccak-256 is `hash` (as 32 one-byte chars). */
export function canonicalCode(hash: string, code: Uint8Array): Uint8Array {
  const known = byHash.get(hash)
  if (known !== undefined) return known
  if (byHash.size >= MAX_CODES) byHash = new Map()
  byHash.set(hash, code)
  return code
}

/** The canonical array for a code hash if this thread has seen that code. */
export function knownCode(hash: string): Uint8Array | undefined {
  return byHash.get(hash)
}
