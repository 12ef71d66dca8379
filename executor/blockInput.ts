import { type BlockDirectory, type RpcBlock, loadBlockDirectory } from '../src/blockDirectory/loadBlockDirectory.js'
import { type ParsedBlock, parseBlock } from '../src/blockDirectory/parseBlock.js'
import type { PreState } from '../src/shared/preState.js'

/** Everything needed to execute a block in isolation, parsed (loading is not part of execution). */
export interface BlockInput {
  /** block.json as read (the parallel engine hands it to its workers). */
  readonly rpcBlock?: RpcBlock
  readonly parsed: ParsedBlock
  readonly preState: PreState
  readonly blockHashes: ReadonlyMap<bigint, Uint8Array>
}

export function blockInputFrom(directory: BlockDirectory): BlockInput {
  return {
    rpcBlock: directory.block,
    parsed: parseBlock(directory.block, `${directory.dir}/block.json`),
    preState: directory.preState,
    blockHashes: directory.blockHashes,
  }
}

export function loadBlockInput(dir: string): BlockInput {
  return blockInputFrom(loadBlockDirectory(dir))
}
