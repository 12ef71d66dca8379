/**
 * ETH moved by contract code, as far as the bytecode says:
 *
 *   payable, makes no CALL          keeps what it receives (WETH deposit): balance(this)
 *                                   written when the call may carry value
 *   CALL, pushes no selector        sends plain ETH (WETH withdraw, refunds): balance(this)
 *                                   written; msg.sender and address arguments that have no
 *                                   code are credited
 *
 *   no function matched           plain ETH to a contract's receive/fallback is usually
 *   (receive / fallback)          kept (wallets, WETH): balance(this) written when the
 *                                 call may carry value (measured on the post-2020 fixture
 *                                 blocks: kept 109 times, passed on 22 times)
 *
 * A function that receives value and calls other contracts may pass it on
 * (routers): its balance may end where it started, so nothing is predicted.
 */
import { balanceKey } from '../../src/shared/locations.js'
import type { FunctionSummary } from '../bytecode/bytecodeSummary.js'
import type { AbiWord } from './abiDecode.js'
import type { CallFrame } from './callFrame.js'
import type { PredictionBuilder } from './predictionBuilder.js'
import type { StateView } from './stateView.js'

/** PUSH4 0xffffffff is a mask (uint32 arithmetic), not a selector. */
const MASK = 'ffffffff'

export function addValueTransfers(frame: CallFrame, fn: FunctionSummary, args: readonly AbiWord[], state: StateView, out: PredictionBuilder): void {
  if (frame.valueIn && fn.mutability === 'payable' && !fn.calls) {
    out.read(balanceKey(frame.storage))
    out.write(balanceKey(frame.storage))
  }
  if (!fn.calls || fn.selectorConstants.some((selector) => selector !== MASK)) return
  out.read(balanceKey(frame.storage))
  out.write(balanceKey(frame.storage))
  const recipients = [frame.caller, ...args.filter((arg) => arg.family === 'address').map((arg) => arg.word.subarray(12))]
  for (const recipient of recipients) {
    if (state.hasCode(recipient)) continue
    out.read(balanceKey(recipient))
    out.write(balanceKey(recipient))
  }
}

/** Whether the calls a function makes may carry value: it received some and is payable. */
export function passesValue(frame: CallFrame, fn: FunctionSummary): boolean {
  return frame.valueIn && fn.mutability === 'payable'
}

/** A receive or fallback function that may get value: the value most likely stays. */
export function addFallbackValue(frame: CallFrame, out: PredictionBuilder): void {
  if (!frame.valueIn) return
  out.read(balanceKey(frame.storage))
  out.write(balanceKey(frame.storage))
}
