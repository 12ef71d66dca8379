/**
 * The `Common` (chain + hardfork rules) for a block: Ethereum mainnet, the
 * hardfork chosen from the block's number and timestamp exactly as a syncing
 * node would, and the project's native crypto.
 */
import { Common, Mainnet } from '@ethereumjs/common'

import { customCrypto } from './crypto/nativeCrypto.js'
import { lazyKzg } from './crypto/kzg.js'

export interface BlockFork {
  readonly number: bigint
  readonly timestamp: bigint
  /** Test blocks only (e.g. state tests): this hardfork, whatever the number and timestamp say. */
  readonly hardfork?: string
}

export function commonForBlock({ number, timestamp, hardfork }: BlockFork): Common {
  const common = new Common({ chain: Mainnet, customCrypto: customCrypto(lazyKzg) })
  if (hardfork !== undefined) common.setHardfork(hardfork)
  else common.setHardforkBy({ blockNumber: number, timestamp })
  return common
}
