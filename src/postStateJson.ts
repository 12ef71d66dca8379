/**
 * The post-state in `pre_state.json`'s format, canonical so that two runs can
 * be compared byte for byte: accounts sorted by address, slots sorted,
 * quantities in minimal hex, zero slots omitted, `code` only when non-empty.
 */
import type { AccountState } from './shared/preState.js'

export function postStateJson(accounts: ReadonlyMap<string, AccountState>): string {
  const entries = [...accounts.values()].map((account) => [hex(account.address), account] as const)
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const out: Record<string, unknown> = {}
  for (const [address, account] of entries) {
    const slots = [...account.storage]
      .filter(([, value]) => value.some((byte) => byte !== 0))
      .map(([slot, value]) => [charsHex(slot), value] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const storage: Record<string, string> = {}
    for (const [slot, value] of slots) storage[quantity(slot)] = quantity(hex(value))
    out[address] = {
      balance: '0x' + account.balance.toString(16),
      nonce: '0x' + account.nonce.toString(16),
      ...(account.code.length > 0 ? { code: hex(account.code) } : {}),
      storage,
    }
  }
  return JSON.stringify(out, null, 1) + '\n'
}

function hex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

function charsHex(chars: string): string {
  return '0x' + Buffer.from(chars, 'latin1').toString('hex')
}

/** 0x-prefixed hex of any width → minimal quantity form ("0x0", "0x1f"). */
function quantity(paddedHex: string): string {
  const digits = paddedHex.slice(2).replace(/^0+/, '')
  return '0x' + (digits === '' ? '0' : digits)
}
