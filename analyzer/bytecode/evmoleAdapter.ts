/**
 * The one place that calls `evmole`, returning plain records. (evmole 0.8's
 * control-flow-graph blocks arrive as `Map`s although its typings say
 * objects; `field` reads either.) Analysis may fail on odd bytecode: that is
 * an outcome (`undefined`), not a crash.
 */
import { contractInfo } from 'evmole'

export interface EvmoleFunction {
  readonly selector: string
  readonly bytecodeOffset: number
  readonly arguments: string
  readonly stateMutability: string
}

export interface EvmoleStorageRecord {
  /** 64 hex digits, no 0x. */
  readonly slot: string
  readonly type: string
  readonly reads: readonly string[]
  readonly writes: readonly string[]
}

export interface CfgBlock {
  readonly start: number
  readonly end: number
  /** Static successors (block ids = start offsets). */
  readonly next: readonly number[]
  /** Dynamic jump targets with the path of blocks that leads to each (the jump first, the block that pushed the target last). */
  readonly dynamic: readonly { readonly path: readonly number[]; readonly to: number }[]
}

export interface EvmoleResult {
  readonly functions: readonly EvmoleFunction[]
  readonly storage: readonly EvmoleStorageRecord[]
  /** By block id; empty when the graph could not be built. */
  readonly blocks: ReadonlyMap<number, CfgBlock>
}

export function runEvmole(code: Uint8Array): EvmoleResult | undefined {
  const hex = Buffer.from(code).toString('hex')
  try {
    const info = contractInfo(hex, { selectors: true, arguments: true, stateMutability: true, storage: true, controlFlowGraph: true })
    return {
      functions: (info.functions ?? []).map((fn) => ({
        selector: fn.selector,
        bytecodeOffset: fn.bytecodeOffset,
        arguments: fn.arguments ?? '',
        stateMutability: fn.stateMutability ?? 'nonpayable',
      })),
      storage: (info.storage ?? []).map((record) => ({ slot: record.slot, type: record.type, reads: record.reads, writes: record.writes })),
      blocks: cfgBlocks(info.controlFlowGraph?.blocks ?? []),
    }
  } catch {
    return undefined
  }
}

function cfgBlocks(raw: readonly unknown[]): Map<number, CfgBlock> {
  const blocks = new Map<number, CfgBlock>()
  for (const entry of raw) {
    const id = field(entry, 'id') as number
    const type = field(entry, 'type') as string
    const data = (field(entry, 'data') ?? {}) as Record<string, unknown>
    const next: number[] = []
    const dynamic: { path: number[]; to: number }[] = []
    // The typings say one `{path, to}`; evmole 0.8.4 gives an array of them.
    const addDynamic = (jump: unknown) => {
      for (const target of Array.isArray(jump) ? jump : [jump]) {
        const to = field(target, 'to')
        if (typeof to === 'number') dynamic.push({ path: (field(target, 'path') ?? []) as number[], to })
      }
    }
    if (type === 'Jump') next.push(data.to as number)
    else if (type === 'Jumpi') next.push(data.true_to as number, data.false_to as number)
    else if (type === 'DynamicJump') addDynamic(data.to)
    else if (type === 'DynamicJumpi') {
      next.push(data.false_to as number)
      addDynamic(data.true_to)
    }
    blocks.set(id, { start: field(entry, 'start') as number, end: field(entry, 'end') as number, next, dynamic })
  }
  return blocks
}

function field(value: unknown, name: string): unknown {
  if (value instanceof Map) return value.get(name)
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[name]
  return undefined
}
