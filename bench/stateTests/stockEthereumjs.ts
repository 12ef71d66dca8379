/**
 * Stock ethereumjs on one case, for diagnosis only: when our reference
 * misses an expected root, this tells an engine bug (stock passes) from an
 * ethereumjs one (stock fails too). It follows ethereumjs's own state-test
 * runner: the pre-state in a `MerkleStateManager` over a secure trie, the
 * coinbase touched up front, `runTx` alone (no block rules), touched empty
 * accounts cleaned up, the state root from the trie. BLOCKHASH answers by
 * the same convention as ours (see `blockHashesBefore`).
 */
import { createBlockFromRPC } from '@ethereumjs/block'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, Address, setLengthLeft } from '@ethereumjs/util'
import { createVM, runTx } from '@ethereumjs/vm'

import { blockHashLookup } from '../../executor/evm/blockHashes.js'
import { blockHashesBefore, caseRpcBlock } from './caseBlock.js'
import { caseTransaction, signingCommon } from './caseTransaction.js'
import { hardforkOf } from './forks.js'
import type { StateTest, StateTestCase } from './stateTest.js'
import { type Log, hex, logsHashOf } from './stateRoot.js'

export interface StockResult {
  readonly stateRoot: string
  readonly logsHash: string
  readonly transaction: 'executed' | 'invalid' | 'unbuildable'
  readonly error: string | undefined
}

export async function runStock(test: StateTest, testCase: StateTestCase): Promise<StockResult> {
  const common = signingCommon(hardforkOf(testCase.fork)).copy()
  const stateManager = new MerkleStateManager({ trie: new MerklePatriciaTrie({ useKeyHashing: true, common }), common })
  await stateManager.checkpoint()
  for (const [addressHex, entry] of Object.entries(test.pre)) {
    const address = new Address(bytes(addressHex))
    await stateManager.putAccount(address, new Account(BigInt(entry.nonce ?? '0x0'), BigInt(entry.balance ?? '0x0')))
    await stateManager.putCode(address, bytes(entry.code ?? '0x'))
    for (const [slot, value] of Object.entries(entry.storage ?? {})) {
      if (BigInt(value) === 0n) continue
      await stateManager.putStorage(address, setLengthLeft(bytes(quantityHex(slot)), 32), bytes(quantityHex(value)))
    }
  }
  await stateManager.commit()
  await stateManager.flush()

  const vm = await createVM({ common, stateManager, blockchain: blockHashLookup(blockHashesBefore(BigInt(test.env.currentNumber))) as never })
  const built = caseTransaction(test.transaction, testCase.indexes, common)
  const coinbase = new Address(bytes(test.env.currentCoinbase))
  await vm.evm.journal.putAccount(coinbase, (await stateManager.getAccount(coinbase)) ?? new Account())

  let transaction: StockResult['transaction'] = 'unbuildable'
  let error: string | undefined = built.kind === 'unbuildable' ? built.error : undefined
  let logs: Log[] = []
  if (built.kind === 'built') {
    const block = createBlockFromRPC(caseRpcBlock({ fork: testCase.fork, env: test.env, txs: [], name: 'stock' }) as never, [], { common })
    try {
      const result = await runTx(vm, { tx: built.tx, block })
      transaction = 'executed'
      logs = (result.receipt.logs ?? []) as unknown as Log[]
    } catch (failure) {
      transaction = 'invalid'
      error = (failure as Error).message
    }
  }
  await vm.evm.journal.cleanup()
  const stateRoot = await stateManager.getStateRoot()
  return { stateRoot: hex(stateRoot), logsHash: hex(logsHashOf(logs)), transaction, error }
}

function bytes(value: string): Uint8Array {
  const digits = value.slice(2)
  return Uint8Array.from(Buffer.from(digits.length % 2 === 1 ? '0' + digits : digits, 'hex'))
}

/** A quantity in minimal even-length hex ("0x00" → "0x", "0x0100" → "0x0100"). */
function quantityHex(value: string): string {
  const digits = BigInt(value).toString(16)
  return BigInt(value) === 0n ? '0x' : '0x' + (digits.length % 2 === 1 ? '0' + digits : digits)
}
