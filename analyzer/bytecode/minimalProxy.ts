/**
 * Code that only forwards to another contract:
 *
 *   EIP-1167 minimal proxy   363d3d373d3d3d363d 6X<address> 5af43d82803e903d91602b57fd5bf3
 *                            (PUSH1..PUSH20: vanity addresses with leading zero bytes are shorter)
 *   ERC-7511 (PUSH0 form)    365f5f375f5f365f 73<address> 5af43d5f5f3e5f3d91602a57fd5bf3
 *   EIP-7702 delegation      ef0100<address> (an EOA whose code points at a contract)
 *
 * Returns the target as 40 hex digits, or undefined.
 */
const EIP1167_PREFIX = '363d3d373d3d3d363d'
const ERC7511_PREFIX = '365f5f375f5f365f'
const DELEGATECALL_THEN_RETURN = '5af43d'
const EIP7702_PREFIX = 'ef0100'

export function minimalProxyTarget(code: Uint8Array): string | undefined {
  if (code.length > 64) return undefined
  const hex = Buffer.from(code).toString('hex')
  if (hex.startsWith(EIP7702_PREFIX) && hex.length === EIP7702_PREFIX.length + 40) return hex.slice(EIP7702_PREFIX.length)
  const prefix = hex.startsWith(EIP1167_PREFIX) ? EIP1167_PREFIX : hex.startsWith(ERC7511_PREFIX) ? ERC7511_PREFIX : undefined
  if (prefix === undefined) return undefined
  const push = parseInt(hex.slice(prefix.length, prefix.length + 2), 16)
  const size = push - 0x5f
  if (size < 1 || size > 20) return undefined
  const start = prefix.length + 2
  const target = hex.slice(start, start + 2 * size)
  if (!hex.startsWith(DELEGATECALL_THEN_RETURN, start + 2 * size)) return undefined
  return target.padStart(40, '0')
}
