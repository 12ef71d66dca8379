/**
 * `npm run bench:checkpoints` (bench/checkpoints/): options are checked up
 * front; the engine's checkpoint statistics are read defensively (missing →
 * "n/a", never a made-up 0); medians and the work cut are what they say; and
 * a real run over a small late-conflict block checks both parallel sides
 * against the sequential reference, with and without static hints. The
 * script itself (built by `npm test`'s pretest) answers --help and rejects
 * bad input with one line and exit 2.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { groupOf, runCheckpointBench } from '../bench/checkpoints/checkpointBench.js'
import { parseCheckpointBenchOptions } from '../bench/checkpoints/checkpointOptions.js'
import { formatCheckpointRows, summarizeGroups, workCut } from '../bench/checkpoints/checkpointReport.js'
import type { CheckpointRow } from '../bench/checkpoints/checkpointRuns.js'
import { type RunStats, medianRunStats, runStatsOf } from '../bench/checkpoints/checkpointStats.js'
import { familyNamed, generateBlock } from '../bench/generators/families.js'
import type { BlockExecution } from '../executor/blockExecution.js'

const root = mkdtempSync(join(tmpdir(), 'pevm-checkpoint-bench-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function executionWith(stats: Record<string, unknown>, ms = 10): BlockExecution {
  return { ms, stats: { engine: 'parallel', ...stats } } as unknown as BlockExecution
}

const SNAPSHOTS = { taken: 40, used: 6, bytes: 81_920, gasSkipped: 1_200_000n, fullRestarts: 1 }

describe('the options', () => {
  it('default to 2 workers, 3 repetitions, full size, 3 mainnet blocks, no hints, estimates only', () => {
    expect(parseCheckpointBenchOptions([])).toEqual({
      dirs: [], workers: 2, repeat: 3, json: false, size: 'full', mainnet: 3, hints: 'none',
      mechanisms: { startAfter: false, estimates: true, workerCount: false },
    })
    expect(parseCheckpointBenchOptions(['a', '--workers', '4', 'b', '--json', '--hints', 'static', '--mechanisms', 'start,estimates'])).toMatchObject({
      dirs: ['a', 'b'], workers: 4, json: true, hints: 'static', mechanisms: { startAfter: true, estimates: true, workerCount: false },
    })
  })

  it.each([
    [['--repeat', '0'], /--repeat takes a whole number ≥ 1/],
    [['--workers', 'two'], /--workers takes a whole number/],
    [['--hints', 'simulate'], /--hints: expected none or static/],
    [['--size', 'huge'], /--size: expected full or quick/],
    [['--mechanisms', 'estimates,magic'], /unknown mechanism "magic"/],
    [['--repeat'], /--repeat needs a value/],
    [['--wrokers', '2'], /unknown option --wrokers/],
  ])('reject %j with a usage error', (argv, message) => {
    expect(() => parseCheckpointBenchOptions(argv)).toThrow(message)
  })
})

describe('the statistics', () => {
  it('are n/a (undefined) when the engine does not report them, and numbers when it does', () => {
    const bare = runStatsOf(executionWith({ reExecutions: 3, validationAborts: 2, dependencyAborts: 1 }))
    expect(bare).toEqual({ ms: 10, reExecutions: 3, aborts: 3, fallbacks: 0, reExecutionMs: undefined, checkpoints: undefined })
    const full = runStatsOf(executionWith({ reExecutions: 3, reExecutionMs: 12.5, checkpoints: SNAPSHOTS }))
    expect(full.reExecutionMs).toBe(12.5)
    expect(full.checkpoints).toEqual({ ...SNAPSHOTS, gasSkipped: 1_200_000, restartReasons: undefined })
    const explained = runStatsOf(executionWith({ checkpoints: { ...SNAPSHOTS, noneTaken: 0, elsewhere: 1, preambleChanged: 0 } }))
    expect(explained.checkpoints?.restartReasons).toEqual({ noneTaken: 0, elsewhere: 1, preambleChanged: 0 })
    // A partial or malformed record is not trusted.
    expect(runStatsOf(executionWith({ checkpoints: { taken: 1, used: 0 } })).checkpoints).toBeUndefined()
    expect(runStatsOf(executionWith({ reExecutionMs: 'fast' })).reExecutionMs).toBeUndefined()
  })

  it('take field-by-field medians, and stay missing if any run lacks a field', () => {
    const run = (ms: number, reExecutionMs: number | undefined, taken: number): RunStats => ({
      ms, reExecutions: taken, aborts: 0, fallbacks: 0, reExecutionMs, checkpoints: { ...SNAPSHOTS, gasSkipped: 0, taken, restartReasons: { elsewhere: taken } },
    })
    const median = medianRunStats([run(30, 3, 9), run(10, 1, 1), run(20, 2, 5)])
    expect(median).toMatchObject({ ms: 20, reExecutionMs: 2, reExecutions: 5, checkpoints: { taken: 5, restartReasons: { elsewhere: 5 } } })
    expect(medianRunStats([run(30, 3, 9), run(10, undefined, 1)]).reExecutionMs).toBeUndefined()
  })

  it('cut re-execution work by 1 - on/off, undefined when off is 0 or unknown', () => {
    expect(workCut(40, 10)).toBeCloseTo(0.75, 12)
    expect(workCut(10, 15)).toBeCloseTo(-0.5, 12)
    expect(workCut(0, 0)).toBeUndefined()
    expect(workCut(undefined, 3)).toBeUndefined()
  })

  it('print n/a where the engine is silent, and the figures where it reports them', () => {
    const side = (ms: number, reExecutionMs?: number, checkpoints?: typeof SNAPSHOTS): RunStats => ({
      ms, reExecutions: 4, aborts: 4, fallbacks: 0, reExecutionMs, checkpoints: checkpoints && { ...checkpoints, gasSkipped: Number(checkpoints.gasSkipped), restartReasons: { noneTaken: 0, elsewhere: 1 } },
    })
    const row = (label: string, group: string, off: RunStats, on: RunStats): CheckpointRow => ({
      label, group, dir: label, txs: 8, gas: 2e6, workers: 2, sequentialMs: 100, off, on, correct: true, mismatch: undefined,
    })
    const silent = row('silent', 'late-conflict', side(80), side(80))
    const reporting = row('reporting', 'no-conflict', side(50, 40), side(52, 10, SNAPSHOTS))
    const [header, silentLine, reportingLine] = formatCheckpointRows([silent, reporting]).split('\n')
    expect(header).toContain('work cut')
    expect(silentLine).toContain('n/a→n/a')
    expect(reportingLine).toContain('40.0→10.0')
    expect(reportingLine).toContain('+75.0%') // work cut
    expect(reportingLine).toContain('+4.0%') // Δ wall
    expect(reportingLine).toContain('40/6')
    expect(reportingLine).toContain('1.20M')
    expect(reportingLine).toContain('1 (elsewhere 1)') // full restarts, and why
    const [late, none] = summarizeGroups([silent, reporting])
    expect(late).toMatchObject({ group: 'late-conflict', workCut: undefined, reExecutionMs: { off: undefined, on: undefined } })
    expect(none!.wallChange).toBeCloseTo(0.04, 12)
    expect(none!.workCut).toBeCloseTo(0.75, 12)
  })
})

describe('a run over a generated late-counter block', () => {
  it('groups blocks by family and checks both parallel sides against the reference', async () => {
    const { dir } = await generateBlock(familyNamed('late-counter'), 8, 5, root)
    expect(groupOf(dir)).toBe('late-conflict')
    expect(groupOf(join(root, 'no-conflict-heavy-200-s1'))).toBe('no-conflict')
    expect(groupOf('/somewhere/fixtures/mainnet/19934116')).toBe('mainnet')
    expect(groupOf(join(root, 'late-counter-notes'))).toBe('given')
    for (const hints of ['none', 'static'] as const) {
      const rows = await runCheckpointBench({ ...parseCheckpointBenchOptions([dir, '--repeat', '1', '--hints', hints]) })
      expect(rows).toHaveLength(1)
      const [result] = rows
      expect(result!.correct, result!.mismatch).toBe(true)
      expect(result).toMatchObject({ group: 'late-conflict', txs: 8, workers: 2 })
      expect(result!.sequentialMs).toBeGreaterThan(0)
      for (const side of [result!.off, result!.on]) {
        expect(side.fallbacks).toBe(0)
        expect(Number.isInteger(side.reExecutions)).toBe(true)
        if (side.checkpoints !== undefined) expect(side.checkpoints.used).toBeLessThanOrEqual(side.checkpoints.taken)
      }
    }
  })
})

describe('the script', () => {
  const script = new URL('../dist/bench/checkpoints/checkpointBench.js', import.meta.url).pathname
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 })

  it('answers --help', () => {
    const help = run('--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^usage: npm run bench:checkpoints/)
  })

  it('rejects a bad option or a missing directory in one line, exit 2', () => {
    for (const args of [['--repeat', 'x'], [join(root, 'no-such-block')]]) {
      const result = run(...args)
      expect(result.status).toBe(2)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(/^bench:checkpoints: /)
    }
  })
})
