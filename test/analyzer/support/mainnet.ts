/** A small real block for end-to-end tests (24 transactions, Cancun; a sender with two of them: 22 and 23). */
import { type BlockDirectory, loadBlockDirectory } from '../../../src/blockDirectory/loadBlockDirectory.js'

export const SMALL_BLOCK = new URL('../../../fixtures/mainnet/19923400', import.meta.url).pathname

let loaded: BlockDirectory | undefined

export function smallBlock(): BlockDirectory {
  loaded ??= loadBlockDirectory(SMALL_BLOCK)
  return loaded
}
