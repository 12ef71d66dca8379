/**
 * Runs the law as a fast-check property: a fixed seed by default (CI is
 * reproducible), overridable with PEVM_PROPERTY_SEED (and PEVM_PROPERTY_PATH
 * to replay one shrunk case); the number of runs is scaled by
 * PEVM_PROPERTY_SCALE (the long campaign). A failure is shrunk, written as
 * a block directory, and reported with everything needed to reproduce it.
 */
import fc from 'fast-check'

import type { BlockModel } from './blockModel.js'
import { type CounterexampleInfo, reproduction, writeCounterexample } from './counterexample.js'
import { recordCoverage } from './coverage.js'
import type { ExecutionPlan } from './executionPlan.js'
import { LawBroken, type LawOptions, checkLaw } from './law.js'

export interface LawProperty {
  /** Names the property in reports (and derives its default seed). */
  readonly name: string
  /** The test file, for the "regenerate" line of a failure report. */
  readonly file: string
  readonly blocks: fc.Arbitrary<BlockModel>
  readonly plans: fc.Arbitrary<ExecutionPlan[]>
  readonly options?: LawOptions
}

export interface RunSettings {
  readonly numRuns: number
  readonly seed: number
  readonly path?: string
  /** Mutation checks stop at the first failure (no shrinking) and write nothing. */
  readonly shrink?: boolean
}

export type LawCheck =
  | { readonly failed: false; readonly numRuns: number; readonly seed: number }
  | {
      readonly failed: true
      /** Runs until the first failure. */
      readonly numRuns: number
      readonly numShrinks: number
      readonly seed: number
      readonly path: string
      readonly model: BlockModel
      readonly plan: ExecutionPlan | undefined
      readonly error: unknown
      readonly directory: string | undefined
      readonly report: string
    }

export function runSettings(property: Pick<LawProperty, 'name'>, defaultRuns: number): RunSettings {
  const scale = Number(process.env.PEVM_PROPERTY_SCALE ?? '1')
  const seed = process.env.PEVM_PROPERTY_SEED !== undefined ? Number(process.env.PEVM_PROPERTY_SEED) : defaultSeed(property.name)
  const path = process.env.PEVM_PROPERTY_PATH
  return { numRuns: Math.max(1, Math.round(defaultRuns * scale)), seed, ...(path !== undefined ? { path } : {}) }
}

/** A seed per property name, fixed across runs. */
function defaultSeed(name: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

export async function checkLawProperty(property: LawProperty, settings: RunSettings): Promise<LawCheck> {
  const shrink = settings.shrink ?? true
  const asyncProperty = fc.asyncProperty(property.blocks, property.plans, async (model, plans) => {
    recordCoverage(await checkLaw(model, plans, property.options))
  })
  const details = await fc.check(asyncProperty, {
    numRuns: settings.numRuns,
    seed: settings.seed,
    ...(settings.path !== undefined ? { path: settings.path } : {}),
    endOnFailure: !shrink,
  })
  if (!details.failed) return { failed: false, numRuns: details.numRuns, seed: settings.seed }
  const [model, plans] = details.counterexample!
  const error = details.errorInstance
  const plan = error instanceof LawBroken ? error.plan : plans[0]
  let directory: string | undefined
  const problem = error instanceof Error ? error.message : String(error)
  let report = `law failed (${property.name}): ${problem}\n\n${fc.defaultReportMessage(details) ?? ''}`
  if (shrink && plan !== undefined) {
    const info: CounterexampleInfo = {
      property: property.name,
      testName: (await currentTestPattern()) ?? property.name,
      seed: settings.seed,
      path: details.counterexamplePath ?? '',
      problem,
      options: property.options ?? {},
    }
    try {
      directory = await writeCounterexample(model, plan, info)
      report = `${reproduction(directory, plan, info, property.file)}\n\n${report}`
    } catch (writeError) {
      // The failure may be the block itself (it cannot be built or executed): report it anyway.
      report = `could not write the counterexample as a block directory: ${(writeError as Error).message}\n\n${report}`
    }
  }
  return {
    failed: true,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    seed: settings.seed,
    path: details.counterexamplePath ?? '',
    model,
    plan,
    error,
    directory,
    report,
  }
}

/** The law must hold: throws the reproduction report otherwise. */
export async function assertLaw(property: LawProperty, defaultRuns: number, override: { readonly seed?: number } = {}): Promise<number> {
  const result = await checkLawProperty(property, { ...runSettings(property, defaultRuns), ...override })
  if (result.failed) {
    console.error(result.report)
    throw new Error(result.report)
  }
  return result.numRuns
}

/** The running vitest test's own name as a `-t` pattern (regex characters escaped); undefined outside vitest. */
async function currentTestPattern(): Promise<string | undefined> {
  let name: string | undefined
  try {
    // Imported lazily: outside a vitest run (a script), importing vitest throws.
    const { expect } = await import('vitest')
    name = expect.getState().currentTestName?.split(' > ').at(-1)
  } catch {
    return undefined
  }
  return name?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '\\"')
}
