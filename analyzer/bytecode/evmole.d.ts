// evmole 0.8 ships typings (dist/evmole.d.ts) but its package.json "exports"
// has no "types" condition, so NodeNext resolution cannot find them: point at them.
declare module 'evmole' {
  export { contractInfo } from 'evmole/dist/evmole.js'
}
