import { expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { balanceKey, codeKey, describeLocation, nonceKey } from '../src/shared/locations.js'
import { COINBASE, account, key, transfer, writeCancunBlock } from './helpers/cancunBlock.js'

const bytes = (address: string) => Buffer.from(address.slice(2), 'hex')
const described = (keys: Iterable<string>) => [...keys].map((k) => describeLocation(k as never)).sort()

it('a plain transfer reads and writes exactly the sender, recipient and fee locations, field by field', async () => {
  const alice = key(1)
  const bob = key(2)
  const carol = key(3)
  const txs = [
    transfer(alice.privateKey, { nonce: 0, to: bob.address, value: 5n }),
    transfer(carol.privateKey, { nonce: 0, to: bob.address, value: 0n }),
  ]
  const dir = writeCancunBlock(txs, { [alice.address]: account(10n ** 18n), [bob.address]: account(1n), [carol.address]: account(10n ** 18n), [COINBASE]: account(0n) })
  const execution = await executeSequential(loadBlockInput(dir), { recordAccesses: true })
  const [first, second] = execution.accesses!

  expect(described(first!.writes)).toEqual(
    described([balanceKey(bytes(alice.address)), nonceKey(bytes(alice.address)), balanceKey(bytes(bob.address)), balanceKey(bytes(COINBASE))]),
  )
  for (const read of [balanceKey(bytes(alice.address)), nonceKey(bytes(alice.address)), codeKey(bytes(alice.address)), balanceKey(bytes(bob.address))]) {
    expect(first!.reads.has(read)).toBe(true)
  }
  // Only the balance of the recipient changed: its nonce is never written.
  expect(first!.writes.has(nonceKey(bytes(bob.address)))).toBe(false)
  // A zero-value transfer changes nothing of the recipient.
  expect(second!.writes.has(balanceKey(bytes(bob.address)))).toBe(false)
  expect(second!.writes.has(nonceKey(bytes(carol.address)))).toBe(true)
})

it('creating an account writes all its fields: its existence is visible through each of them', async () => {
  const alice = key(1)
  const fresh = '0x' + '5e'.repeat(20)
  const dir = writeCancunBlock([transfer(alice.privateKey, { nonce: 0, to: fresh, value: 5n })], { [alice.address]: account(10n ** 18n), [COINBASE]: account(0n) })
  const [access] = (await executeSequential(loadBlockInput(dir), { recordAccesses: true })).accesses!
  for (const write of [balanceKey(bytes(fresh)), nonceKey(bytes(fresh)), codeKey(bytes(fresh))]) expect(access!.writes.has(write)).toBe(true)
})
