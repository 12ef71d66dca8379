/**
 * `npm run test:state [-- --fork Cancun --filter <glob> …]`: every case of
 * the vendored GeneralStateTests for one fork, on several child processes.
 *
 *   1. single cases: the sequential reference against the expected state
 *      root, logs hash and exception; the parallel engine against the
 *      reference on the same one-transaction block (`runCase`);
 *   2. packed blocks: each test's cases as one block, parallel against
 *      sequential (`runPack`), once the test's single cases are done.
 *
 * Every phase of every case has a timeout (default 120 s): a CPU-bound
 * `runTx` cannot be interrupted, so the child is killed, the case is
 * reported as skipped (timeout) and a fresh child carries on. Progress goes
 * to stderr, the summary to stdout and to a JSON file; the exit code is 1
 * if anything failed or differed (skips are reported, not failures).
 */
import { type ChildProcess, fork as forkProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'

import { projectRoot } from '../../src/shared/projectRoot.js'
import { selectCases } from './enumerate.js'
import { DEFAULT_FORK, isKnownFork, knownForks } from './forks.js'
import { DEFAULT_PACK_SIZE, type PackPlan, type PackResult, packError, packName, planPacks } from './packedBlocks.js'
import { ProgressBar } from './progressBar.js'
import type { ChildOptions, FromChild, SinglesUnit, ToChild } from './protocol.js'
import { type CaseResult, runnerError } from './runCase.js'
import { caseName } from './stateTest.js'
import { type Skipped, isClean, summarize, summaryText } from './summary.js'

interface Options {
  readonly fork: string
  readonly filter: string | undefined
  readonly processes: number
  readonly timeoutSeconds: number
  readonly workers: number
  readonly parallel: boolean
  readonly packs: boolean
  readonly packSize: number
  readonly packMaxMs: number
  readonly every: number
  readonly diagnose: boolean
  readonly json: string
  readonly saveFailures: string | undefined
}

const USAGE = `usage: npm run test:state [-- options]

Runs the vendored GeneralStateTests (fixtures/ethereum-tests) for one fork: the
sequential reference against the expected state roots, logs and exceptions, and
the parallel engine against the reference (one-transaction blocks, then each
test's cases packed into blocks). Summary on stdout and in a JSON file.

options:
  --fork <name>          fork of the fixtures' post sections (default ${DEFAULT_FORK})
  --filter <glob>        fixture files to run, by path: stExample/*, stTimeConsuming/**,
                         **/add11* (without * or ?, a substring of the path)
  --processes <n>        child processes (default: the machine's cores)
  --timeout <seconds>    per phase of a case or packed block (default 120)
  --workers <n>          the parallel engine's worker threads (default 2)
  --every <n>            only every nth case (a quick sample)
  --sequential-only      skip the parallel engine (and packed blocks)
  --no-packs             skip packed blocks
  --pack-size <n>        transactions per packed block (default ${DEFAULT_PACK_SIZE})
  --pack-max-ms <ms>     leave out of packed blocks the cases whose single sequential
                         run took longer (default 2000)
  --no-diagnose          do not run stock ethereumjs on the reference's misses
  --json <file>          where to write the summary (default bench/out/state-tests-<fork>.json)
  --save-failures <dir>  write every case or packed block that misses or differs as a block
                         directory there (pevm run <dir> replays it)
  --help                 this text`

/** Slowest folders first, so that no child is left with a long case at the end. */
const HEAVY_FIRST = ['stTimeConsuming/', 'VMTests/vmPerformance/', 'stQuadraticComplexityTest/', 'stStaticCall/', 'stAttackTest/', 'stMemoryStressTest/']
/** Cases per unit of work: small enough to balance the children, one at a time in the slow folders. */
const CASES_PER_UNIT = 16

function parseOptions(argv: readonly string[]): Options {
  const values = new Map<string, string>()
  const flags = new Set<string>()
  const valued = ['fork', 'filter', 'processes', 'timeout', 'workers', 'every', 'pack-size', 'pack-max-ms', 'json', 'save-failures']
  const switches = ['sequential-only', 'no-packs', 'no-diagnose', 'help']
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [name, inline] = arg.startsWith('--') ? splitOption(arg.slice(2)) : [undefined, undefined]
    if (name === undefined) fail(`unexpected argument ${JSON.stringify(arg)}`)
    if (switches.includes(name)) {
      if (inline !== undefined) fail(`--${name} takes no value`)
      flags.add(name)
    } else if (valued.includes(name)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value.startsWith('--')) fail(`--${name} needs a value`)
      values.set(name, value)
    } else {
      fail(`unknown option --${name}`)
    }
  }
  if (flags.has('help')) {
    console.log(USAGE)
    process.exit(0)
  }
  const fork = values.get('fork') ?? DEFAULT_FORK
  if (!isKnownFork(fork)) fail(`--fork: unknown fork ${JSON.stringify(fork)} (known: ${knownForks().join(', ')})`)
  const integer = (name: string, fallback: number, min: number) => {
    const text = values.get(name)
    if (text === undefined) return fallback
    if (!/^[0-9]+$/.test(text) || Number(text) < min) fail(`--${name} takes a whole number ≥ ${min}, got ${JSON.stringify(text)}`)
    return Number(text)
  }
  const parallel = !flags.has('sequential-only')
  return {
    fork,
    filter: values.get('filter'),
    processes: integer('processes', availableParallelism(), 1),
    timeoutSeconds: integer('timeout', 120, 1),
    workers: integer('workers', 2, 1),
    parallel,
    packs: parallel && !flags.has('no-packs'),
    packSize: integer('pack-size', DEFAULT_PACK_SIZE, 1),
    packMaxMs: integer('pack-max-ms', 2000, 0),
    every: integer('every', 1, 1),
    diagnose: !flags.has('no-diagnose'),
    json: values.get('json') ?? join(projectRoot(), 'bench', 'out', `state-tests-${fork}.json`),
    saveFailures: values.get('save-failures'),
  }
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf('=')
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)]
}

function fail(message: string): never {
  console.error(`test:state: ${message} (see npm run test:state -- --help)`)
  process.exit(2)
}

/** What a child is doing: its unit, the phase it announced last and since when. */
interface Busy {
  readonly work: ToChild
  key: string | undefined
  phase: string | undefined
  since: number
  soFar: CaseResult | undefined
  /** For a singles unit: the cases it has reported. */
  readonly reported: Set<number>
}

interface Slot {
  child: ChildProcess
  busy: Busy | undefined
  killedForTimeout: boolean
}

class Run {
  private readonly singles: SinglesUnit[] = []
  private readonly packs: PackPlan[] = []
  private readonly slots: Slot[] = []
  readonly caseResults: CaseResult[] = []
  readonly skippedCases: Skipped[] = []
  readonly packResults: PackResult[] = []
  readonly skippedPacks: Skipped[] = []
  readonly notPacked: Record<string, number> = {}
  /** Per test: how many of its cases have not finished, and the finished ones' results. */
  private readonly pendingByTest = new Map<string, { remaining: number; results: CaseResult[] }>()
  private readonly bar = new ProgressBar()
  private packsPlanned = 0
  private finished: (() => void) | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly options: Options,
    readonly totalCases: number,
    tests: ReturnType<typeof selectCases>['tests'],
  ) {
    const heavy = (file: string) => {
      const rank = HEAVY_FIRST.findIndex((prefix) => file.startsWith(prefix))
      return rank < 0 ? HEAVY_FIRST.length : rank
    }
    const ordered = [...tests].sort((a, b) => heavy(a.file) - heavy(b.file))
    for (const { file, test, fork, cases } of ordered) {
      this.pendingByTest.set(testKey(file, test), { remaining: cases.length, results: [] })
      const size = heavy(file) < HEAVY_FIRST.length ? 1 : CASES_PER_UNIT
      for (let start = 0; start < cases.length; start += size) {
        this.singles.push({ file, test, fork, cases: cases.slice(start, start + size) })
      }
    }
  }

  async run(): Promise<void> {
    const done = new Promise<void>((resolve) => (this.finished = resolve))
    for (let i = 0; i < this.options.processes; i++) this.slots.push(this.spawn())
    this.timer = setInterval(() => this.checkTimeouts(), 1000)
    if (this.singles.length === 0) this.finish()
    await done
  }

  private spawn(): Slot {
    const script = join(dirname(fileURLToPath(import.meta.url)), 'child.js')
    const options: ChildOptions = {
      parallel: this.options.parallel,
      workers: this.options.workers,
      // The runner times phases out itself; the engine's watchdog only backs it up.
      parallelTimeoutMs: 2 * this.options.timeoutSeconds * 1000,
      diagnose: this.options.diagnose,
      saveFailuresTo: this.options.saveFailures === undefined ? undefined : resolvePath(this.options.saveFailures),
    }
    const child = forkProcess(script, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const slot: Slot = { child, busy: undefined, killedForTimeout: false }
    child.on('message', (message: FromChild) => this.onMessage(slot, message))
    child.on('exit', (code, signal) => this.onExit(slot, code, signal))
    return slot
  }

  private onMessage(slot: Slot, message: FromChild): void {
    const busy = slot.busy
    switch (message.kind) {
      case 'ready':
        this.dispatch(slot)
        return
      case 'phase':
        if (busy === undefined) return
        busy.key = message.key
        busy.phase = message.phase
        busy.since = performance.now()
        busy.soFar = message.soFar
        return
      case 'case':
        busy?.reported.add(message.result.ref.index)
        this.recordCase(message.result)
        return
      case 'pack':
        this.packResults.push(message.result)
        this.progress()
        return
      case 'unit-error':
        this.recordUnitError(busy, message.error)
        return
      case 'idle':
        slot.busy = undefined
        this.dispatch(slot)
        return
    }
  }

  private recordCase(result: CaseResult): void {
    this.caseResults.push(result)
    this.caseFinished(result.ref.file, result.ref.test, result)
    this.progress()
  }

  /** The unit could not run (its fixture did not load…): each of its unfinished cases, or its block, is a runner error. */
  private recordUnitError(busy: Busy | undefined, error: string): void {
    if (busy?.work.kind === 'singles') {
      const { unit } = busy.work
      for (const index of unit.cases) {
        if (busy.reported.has(index)) continue
        busy.reported.add(index)
        this.recordCase(runnerError({ file: unit.file, test: unit.test, fork: unit.fork, index }, error))
      }
    } else if (busy?.work.kind === 'pack') {
      this.packResults.push(packError(busy.work.plan, error))
    }
  }

  private skipCase(unit: SinglesUnit, index: number, reason: string): void {
    this.skippedCases.push({ name: caseName({ file: unit.file, test: unit.test, fork: unit.fork, index }), reason })
    this.caseFinished(unit.file, unit.test, undefined)
    this.progress()
  }

  /** When a test's last case is in, its packed blocks join the queue. */
  private caseFinished(file: string, test: string, result: CaseResult | undefined): void {
    const pending = this.pendingByTest.get(testKey(file, test))
    if (pending === undefined) return
    pending.remaining--
    if (result !== undefined) pending.results.push(result)
    else this.countNotPacked('did not finish as a single case')
    if (pending.remaining > 0 || !this.options.packs) return
    const packable: number[] = []
    for (const single of pending.results.sort((a, b) => a.ref.index - b.ref.index)) {
      if (single.transaction === 'unbuildable') this.countNotPacked('transaction cannot be built')
      else if (single.ms.sequential > this.options.packMaxMs) this.countNotPacked(`single sequential run over ${this.options.packMaxMs} ms`)
      else packable.push(single.ref.index)
    }
    const fork = pending.results[0]?.ref.fork ?? this.options.fork
    const plans = planPacks(file, test, fork, packable, this.options.packSize)
    this.packs.push(...plans)
    this.packsPlanned += plans.length
    pending.results.length = 0
    for (const slot of this.slots) if (slot.busy === undefined && slot.child.connected) this.dispatch(slot)
  }

  private countNotPacked(reason: string): void {
    this.notPacked[reason] = (this.notPacked[reason] ?? 0) + 1
  }

  private dispatch(slot: Slot): void {
    if (slot.busy !== undefined) return
    let work: ToChild | undefined
    const unit = this.singles.shift()
    if (unit !== undefined) work = { kind: 'singles', unit }
    else {
      const plan = this.packs.shift()
      if (plan !== undefined) work = { kind: 'pack', plan }
    }
    if (work === undefined) {
      if (this.slots.every((other) => other.busy === undefined) && this.singles.length === 0 && this.packs.length === 0) this.finish()
      return
    }
    slot.busy = { work, key: undefined, phase: undefined, since: performance.now(), soFar: undefined, reported: new Set() }
    slot.child.send(work)
  }

  private checkTimeouts(): void {
    const limit = this.options.timeoutSeconds * 1000
    for (const slot of this.slots) {
      const busy = slot.busy
      if (busy === undefined || busy.phase === undefined || slot.killedForTimeout) continue
      if (performance.now() - busy.since > limit) {
        slot.killedForTimeout = true
        slot.child.kill('SIGKILL')
      }
    }
    this.progress()
  }

  /** A child died: a timeout we caused, or a crash. Its case is skipped, the rest of its unit re-queued, a new child started. */
  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const busy = slot.busy
    if (this.finished === undefined) return
    if (busy !== undefined) {
      const reason = slot.killedForTimeout
        ? `timeout (${this.options.timeoutSeconds} s) in the ${busy.phase ?? 'starting'} phase`
        : `child process died (${signal ?? `exit code ${code}`}) in the ${busy.phase ?? 'starting'} phase`
      if (busy.work.kind === 'singles') {
        const unit = busy.work.unit
        const current = unit.cases.find((index) => !busy.reported.has(index))
        if (current !== undefined) {
          busy.reported.add(current)
          if (busy.soFar !== undefined && busy.phase === 'parallel') this.recordCase({ ...busy.soFar, parallel: 'timeout', parallelDetail: reason })
          else if (busy.soFar !== undefined && busy.phase === 'stock') this.recordCase({ ...busy.soFar, stock: 'timeout', stockDetail: reason })
          else this.skipCase(unit, current, reason)
        }
        const rest = unit.cases.filter((index) => !busy.reported.has(index))
        if (rest.length > 0) this.singles.unshift({ ...unit, cases: rest })
      } else {
        this.skippedPacks.push({ name: packName(busy.work.plan), reason })
      }
    }
    const index = this.slots.indexOf(slot)
    if (index >= 0 && this.finished !== undefined) this.slots[index] = this.spawn()
  }

  private finish(): void {
    const resolve = this.finished
    if (resolve === undefined) return
    this.finished = undefined
    clearInterval(this.timer)
    this.progress(true)
    this.bar.end()
    for (const slot of this.slots) if (slot.child.connected) slot.child.disconnect()
    resolve()
  }

  /** The phase that has run longest, when over 10 s: what the run is waiting for. */
  private longestRunning(): string {
    let longest: Busy | undefined
    for (const slot of this.slots) {
      const busy = slot.busy
      if (busy?.phase !== undefined && (longest === undefined || busy.since < longest.since)) longest = busy
    }
    const seconds = longest === undefined ? 0 : (performance.now() - longest.since) / 1000
    if (longest === undefined || seconds < 10) return ''
    return ` | ${longest.key ?? ''} ${longest.phase} ${seconds.toFixed(0)} s`
  }

  private progress(force = false): void {
    const failed = this.caseResults.filter((result) => result.verdict === 'failed').length
    const differs = this.caseResults.filter((result) => result.parallel === 'differs').length
    const packDiffers = this.packResults.filter((pack) => pack.verdict !== 'equal').length
    const done = this.caseResults.length + this.skippedCases.length
    const packsDone = this.packResults.length + this.skippedPacks.length
    const details =
      `failed ${failed} skipped ${this.skippedCases.length} par≠seq ${differs}` +
      (this.options.packs ? ` | packs ${packsDone}/${this.packsPlanned} ≠ ${packDiffers}` : '')
    this.bar.update(done, this.totalCases, details + this.longestRunning(), force)
  }
}

function testKey(file: string, test: string): string {
  return `${file}\u0000${test}`
}

const options = parseOptions(process.argv.slice(2))
const started = performance.now()
if (process.stderr.isTTY) process.stderr.write('reading fixtures…\r')
const selection = selectCases({ fork: options.fork, filter: options.filter, every: options.every })
if (selection.cases === 0) fail(`no ${options.fork} case matches${options.filter !== undefined ? ` --filter ${options.filter}` : ''}`)
const run = new Run(options, selection.cases, selection.tests)
await run.run()
const summary = summarize({
  fork: options.fork,
  filter: options.filter,
  processes: options.processes,
  timeoutSeconds: options.timeoutSeconds,
  durationSeconds: (performance.now() - started) / 1000,
  files: selection.files,
  tests: selection.tests.length,
  cases: selection.cases,
  caseResults: run.caseResults,
  skippedCases: run.skippedCases,
  packResults: run.packResults,
  skippedPacks: run.skippedPacks,
  notPacked: run.notPacked,
  packsEnabled: options.packs,
  parallelEnabled: options.parallel,
})
mkdirSync(dirname(options.json), { recursive: true })
writeFileSync(options.json, JSON.stringify(summary, null, 1) + '\n')
console.log(summaryText(summary))
console.log(`\nJSON summary: ${options.json}`)
process.exitCode = isClean(summary) ? 0 : 1
