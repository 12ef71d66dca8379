import { readFileSync } from 'node:fs'
import { summarizeBytecode } from './analyzer/bytecode/bytecodeSummary.js'
for (const f of ['ERC20Token', 'WETH9', 'SingleSwap', 'UniswapV3Pool']) {
  const code = Buffer.from(readFileSync(`fixtures/contracts/${f}.hex`, 'utf8').trim().replace(/^0x/, ''), 'hex')
  const t = performance.now()
  const s = summarizeBytecode(code)
  console.log(f, (performance.now() - t).toFixed(0), 'ms')
  for (const fn of s.functions) console.log(' ', fn.selector, fn.argumentTypes.join(','), 'calls', fn.calls, fn.staticcalls, 'R', fn.reads.map(r => r.slot.replace(/^0+/, '') + ':' + r.type).join(' '), 'W', fn.writes.map(r => r.slot.replace(/^0+/, '')).join(' '), 'A', fn.addressConstants.join(' '), 'S', fn.selectorConstants.slice(0,6).join(' '), fn.precise)
}
