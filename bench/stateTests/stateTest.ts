/**
 * The GeneralStateTests format and its cases. A test names a pre-state, a
 * block environment and a transaction template whose `data`, `gasLimit`
 * and `value` are lists; each entry of `post[fork]` is one case: the
 * indexes into those lists and the expected state root, logs hash and,
 * for an invalid transaction, the exception.
 */
import type { PreStateAccountJson } from '../../src/blockDirectory/writeBlockDirectory.js'

export interface StateTestEnv {
  readonly currentCoinbase: string
  readonly currentGasLimit: string
  readonly currentNumber: string
  readonly currentTimestamp: string
  readonly currentDifficulty?: string
  readonly currentBaseFee?: string
  readonly currentRandom?: string
  readonly currentExcessBlobGas?: string
}

export interface AccessListEntryJson {
  readonly address: string
  readonly storageKeys: readonly string[]
}

export interface StateTestTransaction {
  readonly data: readonly string[]
  readonly gasLimit: readonly string[]
  readonly value: readonly string[]
  readonly nonce: string
  /** Empty for a contract creation. */
  readonly to: string
  readonly secretKey: string
  readonly sender?: string
  readonly gasPrice?: string
  readonly maxFeePerGas?: string
  readonly maxPriorityFeePerGas?: string
  /** Indexed like `data`. */
  readonly accessLists?: readonly (readonly AccessListEntryJson[] | null)[]
  readonly blobVersionedHashes?: readonly string[]
  readonly maxFeePerBlobGas?: string
}

export interface CaseIndexes {
  readonly data: number
  readonly gas: number
  readonly value: number
}

export interface PostEntry {
  readonly hash: string
  readonly logs: string
  readonly indexes: CaseIndexes
  readonly txbytes?: string
  readonly expectException?: string
}

export interface StateTest {
  readonly env: StateTestEnv
  readonly pre: Readonly<Record<string, PreStateAccountJson>>
  readonly transaction: StateTestTransaction
  readonly post: Readonly<Record<string, readonly PostEntry[]>>
}

/** A fixture file: test name → test (most files hold one test). */
export type StateTestFile = Readonly<Record<string, StateTest>>

export interface CaseRef {
  /** Fixture file, relative (`stExample/add11.json`). */
  readonly file: string
  readonly test: string
  readonly fork: string
  /** Position in `post[fork]`. */
  readonly index: number
}

export interface StateTestCase extends CaseRef {
  readonly indexes: CaseIndexes
  readonly expected: {
    readonly stateRoot: string
    readonly logsHash: string
    readonly exception: string | undefined
  }
}

/** `stExample/add11.json add11 Cancun #0 (d0 g0 v0)`: how every report names a case. */
export function caseName(ref: CaseRef, indexes?: CaseIndexes): string {
  const suffix = indexes === undefined ? '' : ` (d${indexes.data} g${indexes.gas} v${indexes.value})`
  return `${ref.file} ${ref.test} ${ref.fork} #${ref.index}${suffix}`
}

export function casesOf(file: string, test: string, stateTest: StateTest, fork: string): StateTestCase[] {
  return (stateTest.post[fork] ?? []).map((entry, index) => ({
    file,
    test,
    fork,
    index,
    indexes: entry.indexes,
    expected: { stateRoot: entry.hash.toLowerCase(), logsHash: entry.logs.toLowerCase(), exception: entry.expectException },
  }))
}
