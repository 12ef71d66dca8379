/** The repository-relative path of a test file, for "regenerate with" lines. */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { projectRoot } from '../../src/shared/projectRoot.js'

export function testFile(importMetaUrl: string): string {
  return relative(projectRoot(), fileURLToPath(importMetaUrl))
}

/** Generous: property files run side by side with the rest of the suite on two cores. */
export const PROPERTY_TIMEOUT_MS = 15 * 60_000
