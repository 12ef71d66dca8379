/**
 * The fork names of the ethereum/tests fixtures (`post` keys) and the
 * ethereumjs hardfork each one means.
 */
import { Hardfork } from '@ethereumjs/common'

const HARDFORK_OF_FIXTURE_FORK: Readonly<Record<string, Hardfork>> = {
  Frontier: Hardfork.Chainstart,
  Homestead: Hardfork.Homestead,
  EIP150: Hardfork.TangerineWhistle,
  EIP158: Hardfork.SpuriousDragon,
  Byzantium: Hardfork.Byzantium,
  Constantinople: Hardfork.Constantinople,
  ConstantinopleFix: Hardfork.Petersburg,
  Istanbul: Hardfork.Istanbul,
  Berlin: Hardfork.Berlin,
  London: Hardfork.London,
  Paris: Hardfork.Paris,
  Merge: Hardfork.Paris,
  Shanghai: Hardfork.Shanghai,
  Cancun: Hardfork.Cancun,
  Prague: Hardfork.Prague,
}

export const DEFAULT_FORK = 'Cancun'

export function isKnownFork(fork: string): boolean {
  return HARDFORK_OF_FIXTURE_FORK[fork] !== undefined
}

export function knownForks(): string[] {
  return Object.keys(HARDFORK_OF_FIXTURE_FORK)
}

export function hardforkOf(fork: string): Hardfork {
  const hardfork = HARDFORK_OF_FIXTURE_FORK[fork]
  if (hardfork === undefined) throw new Error(`unknown fixture fork ${JSON.stringify(fork)} (known: ${knownForks().join(', ')})`)
  return hardfork
}
