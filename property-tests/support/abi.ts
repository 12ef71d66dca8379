/**
 * Just enough ABI encoding for the property tests' contract calls: static
 * arguments (uint, address, bool, bytes32) and `bytes`, from a signature such
 * as `callWithGas(address,uint256,bytes)`.
 */
export type AbiValue = bigint | number | boolean | string | Uint8Array

const WORD = 64 // hex digits

export function encodeCall(selector: string, signature: string, args: readonly AbiValue[]): string {
  const types = parameterTypes(signature)
  if (types.length !== args.length) throw new Error(`${signature} takes ${types.length} arguments, got ${args.length}`)
  const heads: string[] = []
  const tails: string[] = []
  let tailOffset = 32 * types.length
  types.forEach((type, index) => {
    const value = args[index]!
    if (type === 'bytes') {
      const bytes = value instanceof Uint8Array ? value : hexBytes(String(value))
      const tail = uint(BigInt(bytes.length)) + Buffer.from(bytes).toString('hex').padEnd(Math.ceil(bytes.length / 32) * WORD, '0')
      heads.push(uint(BigInt(tailOffset)))
      tails.push(tail)
      tailOffset += tail.length / 2
    } else {
      heads.push(staticWord(type, value))
    }
  })
  return selector + heads.join('') + tails.join('')
}

function parameterTypes(signature: string): string[] {
  const inner = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')'))
  return inner === '' ? [] : inner.split(',')
}

function staticWord(type: string, value: AbiValue): string {
  if (type === 'bool') return uint(value === true ? 1n : 0n)
  if (type === 'address' || type === 'bytes32') return String(value).slice(2).toLowerCase().padStart(WORD, '0')
  if (/^uint\d*$/.test(type)) return uint(BigInt(value as bigint | number))
  throw new Error(`abi type ${type} is not supported here`)
}

function uint(value: bigint): string {
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`${value} is not a uint256`)
  return value.toString(16).padStart(WORD, '0')
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex'))
}
