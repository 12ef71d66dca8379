/**
 * ERC20 transfers with the vendored ERC20Token (OpenZeppelin layout: slot 0
 * balances, slot 2 totalSupply): between distinct holders (every transfer
 * touches its own two balance slots), and clustered on a few hot holders
 * (every transfer credits one of them: read-modify-write conflicts on their
 * balance slots, which no lazy credit can hide).
 */
import { ERC20_SLOTS, SELECTORS, erc20Code, mappingSlotHex, slotHex, valueHex } from './contracts.js'
import { type MockBlock, calldata } from './mockBlock.js'

export const TOKEN_BALANCE = 10n ** 24n
const TRANSFER_GAS = 100_000n

/** Deploys an ERC20Token whose `holders` each own TOKEN_BALANCE. */
export function deployToken(block: MockBlock, holders: readonly string[]): string {
  const storage: Record<string, string> = { [slotHex(ERC20_SLOTS.totalSupply)]: valueHex(TOKEN_BALANCE * BigInt(Math.max(1, holders.length))) }
  for (const holder of holders) storage[mappingSlotHex(holder, ERC20_SLOTS.balances)] = valueHex(TOKEN_BALANCE)
  return block.deploy(erc20Code(), storage)
}

/** Gives `holder` TOKEN_BALANCE of an already deployed token. */
export function fundHolder(block: MockBlock, token: string, holder: string): void {
  block.setStorage(token, { [mappingSlotHex(holder, ERC20_SLOTS.balances)]: valueHex(TOKEN_BALANCE) })
}

export function tokenAmount(block: MockBlock): bigint {
  return 10n ** 15n + BigInt(block.random.below(1_000_000))
}

/** `count` transfers of one token, each from its own holder to its own fresh address. */
export function addIndependentErc20Transfers(block: MockBlock, count: number): void {
  const senders = Array.from({ length: count }, () => block.fundedKey())
  const token = deployToken(block, senders.map((sender) => sender.address))
  for (const sender of senders) {
    block.send(sender, { to: token, gasLimit: TRANSFER_GAS, data: calldata(SELECTORS.transfer, block.freshAddress(), tokenAmount(block)) })
  }
}

/** `count` transfers of one token from distinct holders, each to one of `hot` hot holders (chosen at random). */
export function addHotErc20Transfers(block: MockBlock, count: number, hot = 8): void {
  const senders = Array.from({ length: count }, () => block.fundedKey())
  const hotHolders = Array.from({ length: hot }, () => block.freshAddress())
  const token = deployToken(block, [...senders.map((sender) => sender.address), ...hotHolders])
  for (const sender of senders) {
    const to = hotHolders[block.random.below(hot)]!
    block.send(sender, { to: token, gasLimit: TRANSFER_GAS, data: calldata(SELECTORS.transfer, to, tokenAmount(block)) })
  }
}
