/**
 * Raw ETH transfers: between distinct accounts (no conflicts at all: the
 * parallel engine's best case), and from one sender / to one recipient
 * (a nonce chain; a hot credited balance).
 */
import type { TypedTransaction } from '@ethereumjs/tx'

import type { PreStateAccountJson } from '../../src/blockDirectory/writeBlockDirectory.js'
import { ETHER, account, key, signedTx, writeMockBlock } from './blockFactory.js'

export async function independentTransfers(dir: string, count: number): Promise<void> {
  const txs: TypedTransaction[] = []
  const preState: Record<string, PreStateAccountJson> = {}
  for (let i = 0; i < count; i++) {
    const sender = key(i)
    const recipient = key(1_000_000 + i)
    preState[sender.address] = account(ETHER)
    txs.push(signedTx(sender, { nonce: 0, to: recipient.address, value: 1000n + BigInt(i) }))
  }
  await writeMockBlock(dir, txs, preState)
}

export async function transfersToOneRecipient(dir: string, count: number): Promise<void> {
  const txs: TypedTransaction[] = []
  const preState: Record<string, PreStateAccountJson> = {}
  const recipient = key(2_000_000)
  preState[recipient.address] = account(ETHER)
  for (let i = 0; i < count; i++) {
    const sender = key(i)
    preState[sender.address] = account(ETHER)
    txs.push(signedTx(sender, { nonce: 0, to: recipient.address, value: 1000n + BigInt(i) }))
  }
  await writeMockBlock(dir, txs, preState)
}

export async function transfersFromOneSender(dir: string, count: number): Promise<void> {
  const sender = key(3_000_000)
  const preState: Record<string, PreStateAccountJson> = { [sender.address]: account(1000n * ETHER) }
  const txs = Array.from({ length: count }, (_, i) => signedTx(sender, { nonce: i, to: key(4_000_000 + i).address, value: 1000n }))
  await writeMockBlock(dir, txs, preState)
}
