/**
 * Raw ETH transfers: between distinct accounts (no conflicts at all: the
 * parallel engine's best case), and from one sender / to one recipient
 * (a nonce chain; a hot credited balance).
 */
import { ETHER } from './blockFactory.js'
import { MockBlock } from './mockBlock.js'

/** `count` transfers, each from its own funded key to its own fresh address. */
export function addIndependentTransfers(block: MockBlock, count: number): void {
  for (let i = 0; i < count; i++) block.send(block.fundedKey(), { to: block.freshAddress(), value: 1000n + BigInt(block.random.below(1_000_000)) })
}

/** `count` transfers from distinct senders into one recipient (a hot balance, credited lazily by the engine). */
export function addTransfersToOneRecipient(block: MockBlock, count: number, recipient = block.fundedKey().address): void {
  for (let i = 0; i < count; i++) block.send(block.fundedKey(), { to: recipient, value: 1000n + BigInt(block.random.below(1_000_000)) })
}

/** `count` transfers from one sender (a nonce chain) to fresh addresses. */
export function addTransfersFromOneSender(block: MockBlock, count: number): void {
  const sender = block.fundedKey(1000n * ETHER)
  for (let i = 0; i < count; i++) block.send(sender, { to: block.freshAddress(), value: 1000n + BigInt(block.random.below(1_000_000)) })
}

export async function independentTransfers(dir: string, count: number, seed = 1): Promise<void> {
  const block = new MockBlock(seed)
  addIndependentTransfers(block, count)
  await block.writeTo(dir)
}

export async function transfersToOneRecipient(dir: string, count: number, seed = 1): Promise<void> {
  const block = new MockBlock(seed)
  addTransfersToOneRecipient(block, count)
  await block.writeTo(dir)
}

export async function transfersFromOneSender(dir: string, count: number, seed = 1): Promise<void> {
  const block = new MockBlock(seed)
  addTransfersFromOneSender(block, count)
  await block.writeTo(dir)
}
