/**
 * Worker threads cannot load TypeScript, so multi-threaded tests run the
 * compiled scheduler. This finds dist/scheduler/testing/toyWorker.js (built
 * by `npm run build`, which `npm test` runs first) and checks that it is not
 * older than the sources; if it is missing or stale, it compiles scheduler/
 * and src/shared/ alone into $TMPDIR/pevm-scheduler-build (a few seconds,
 * reused while fresh), so that a momentarily broken file elsewhere in the
 * tree cannot stop these tests.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)))
const WORKER = 'scheduler/testing/toyWorker.js'

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)))
}

function isFresh(outDir: string): boolean {
  for (const source of [...sources('scheduler'), ...sources('src/shared')]) {
    const built = join(outDir, source.replace(/\.ts$/, '.js'))
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(join(root, source)).mtimeMs) return false
  }
  return true
}

let cached: string | null = null

/** Absolute path of the compiled toy worker entry. */
export function builtToyWorker(): string {
  if (cached !== null) return cached
  const dist = join(root, 'dist')
  if (isFresh(dist)) return (cached = join(dist, WORKER))
  const outDir = join(tmpdir(), 'pevm-scheduler-build')
  if (isFresh(outDir)) return (cached = join(outDir, WORKER))
  mkdirSync(outDir, { recursive: true })
  const config = join(outDir, 'tsconfig.json')
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: { outDir, rootDir: root, typeRoots: [join(root, 'node_modules/@types')], sourceMap: false },
      include: [join(root, 'scheduler'), join(root, 'src/shared')],
    }),
  )
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { stdio: 'pipe' })
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}')
  return (cached = join(outDir, WORKER))
}
