/** Small byte helpers shared by the state stores (no allocation unless said). */

/** The same bytes without leading zeros (a subarray): ethereumjs's storage-value form; zero is empty. */
export function stripLeadingZeros(value: Uint8Array): Uint8Array {
  let start = 0
  while (start < value.length && value[start] === 0) start++
  return start === 0 ? value : value.subarray(start)
}

/** Bytes as a one-byte string (a cheap, collision-free Map key, e.g. for code hashes). */
export function oneByteString(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[])
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
