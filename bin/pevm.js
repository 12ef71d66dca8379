#!/usr/bin/env node
// The CLI runs from the compiled build (npm ci builds it through `prepare`).
import('../dist/src/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('pevm: the build is missing; run `npm run build` (npm ci runs it for you)')
    process.exit(2)
  }
  throw error
})
