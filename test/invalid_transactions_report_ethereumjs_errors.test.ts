import { createVM, runTx } from '@ethereumjs/vm'
import { Account, createAddressFromString } from '@ethereumjs/util'
import { expect, it } from 'vitest'

import { loadBlockInput } from '../executor/blockInput.js'
import { executeSequential } from '../executor/sequential/executeSequential.js'
import { BLOCK_GAS_LIMIT, account, key, transfer, writeCancunBlock } from './helpers/cancunBlock.js'

const alice = key(1)
const bob = key(2)
const ETH = 10n ** 18n

function invalidBlock() {
  const txs = [
    transfer(alice.privateKey, { nonce: 0, to: bob.address }), // valid
    transfer(alice.privateKey, { nonce: 7, to: bob.address }), // nonce too high
    transfer(alice.privateKey, { nonce: 1, to: bob.address, value: 1000n * ETH }), // insufficient balance
    transfer(alice.privateKey, { nonce: 1, to: bob.address, gasLimit: 20_000n }), // intrinsic gas too low
    transfer(alice.privateKey, { nonce: 1, to: bob.address, gasLimit: BLOCK_GAS_LIMIT + 1n }), // over the block's gas limit
    transfer(bob.privateKey, { nonce: 0, to: alice.address }), // valid: bob was funded by tx 0
    transfer(bob.privateKey, { nonce: 1, to: alice.address, gasLimit: BLOCK_GAS_LIMIT - 30_000n }), // over the gas the block has left
  ]
  return { txs, dir: writeCancunBlock(txs, { [alice.address]: account(ETH), [bob.address]: account(ETH) }) }
}

it('invalid transactions are reported one by one with the error stock ethereumjs gives, and the rest executes', async () => {
  const { dir } = invalidBlock()
  const input = loadBlockInput(dir)
  const execution = await executeSequential(input)
  expect(execution.outcomes.map((outcome) => outcome.kind)).toEqual(['executed', 'invalid', 'invalid', 'invalid', 'invalid', 'executed', 'invalid'])

  // The oracle: stock ethereumjs (its own Merkle state manager), runTx on the same parsed block.
  const block = input.parsed.block
  const vm = await createVM({ common: block.common })
  for (const address of [key(1).address, key(2).address]) {
    await vm.stateManager.putAccount(createAddressFromString(address), new Account(0n, ETH))
  }
  const stockErrors: (string | undefined)[] = []
  for (const tx of block.transactions) {
    try {
      await runTx(vm, { tx, block })
      stockErrors.push(undefined)
    } catch (error) {
      stockErrors.push((error as Error).message)
    }
  }
  const ourErrors = execution.outcomes.map((outcome) => (outcome.kind === 'invalid' ? outcome.error : undefined))
  // runTx alone does not know the block's remaining gas: that last rejection is runBlock's, with its message.
  expect(ourErrors.slice(0, -1)).toEqual(stockErrors.slice(0, -1))
  expect(ourErrors.at(-1)).toBe(`tx has a higher gas limit than the block (${vm.errorStr()} -> ${block.errorStr()})`)
  expect(ourErrors[1]).toMatch(/nonce/)
  expect(ourErrors[2]).toMatch(/enough funds/)
  expect(ourErrors[3]).toMatch(/gas limit is too low|intrinsic/i)
  expect(ourErrors[4]).toMatch(/higher gas limit than the block/)
  expect(execution.gasUsed).toBe(42_000n)
})
