/**
 * What a block directory lets us check against its header: gasUsed and the
 * logs bloom always; the receipts root from Byzantium (4,370,000) on — earlier
 * receipts embed intermediate state roots, which a partial pre-state cannot
 * produce. (The state root cannot be checked either, for the same reason:
 * compare post-states between engines instead.)
 */
import type { Block } from '@ethereumjs/block'
import { Hardfork } from '@ethereumjs/common'

import type { BlockExecution } from '../executor/blockExecution.js'

export interface HeaderFields {
  readonly gasUsed: string
  readonly logsBloom: string
  readonly receiptsRoot: string
}

export interface HeaderCheck {
  readonly computed: HeaderFields
  readonly expected: HeaderFields
  readonly match: { gasUsed: boolean; logsBloom: boolean; receiptsRoot: boolean | null }
  readonly ok: boolean
}

export function checkAgainstHeader(block: Block, execution: BlockExecution): HeaderCheck {
  const header = block.header
  const computed = {
    gasUsed: '0x' + execution.gasUsed.toString(16),
    logsBloom: hex(execution.logsBloom),
    receiptsRoot: hex(execution.receiptsRoot),
  }
  const expected = {
    gasUsed: '0x' + header.gasUsed.toString(16),
    logsBloom: hex(header.logsBloom),
    receiptsRoot: hex(header.receiptTrie),
  }
  const receiptsComparable = block.common.gteHardfork(Hardfork.Byzantium)
  const match = {
    gasUsed: computed.gasUsed === expected.gasUsed,
    logsBloom: computed.logsBloom === expected.logsBloom,
    receiptsRoot: receiptsComparable ? computed.receiptsRoot === expected.receiptsRoot : null,
  }
  const invalidTxs = execution.outcomes.some((outcome) => outcome.kind === 'invalid')
  return { computed, expected, match, ok: match.gasUsed && match.logsBloom && match.receiptsRoot !== false && !invalidTxs }
}

function hex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
