/**
 * A small, strict command-line parser: every command declares its options,
 * and anything undeclared, a missing value or a malformed number is a usage
 * error with an exact message (never silently ignored).
 */
import { usageError } from '../shared/errors.js'

export type OptionSpec =
  | { readonly kind: 'flag'; readonly description: string }
  | { readonly kind: 'string'; readonly description: string; readonly valueName: string }
  | { readonly kind: 'integer'; readonly description: string; readonly valueName: string; readonly min: number; readonly max?: number }

export interface CommandSpec {
  readonly name: string
  readonly summary: string
  readonly usage: string
  readonly details?: string
  readonly options: Readonly<Record<string, OptionSpec>>
}

export interface ParsedArgs {
  readonly positionals: string[]
  readonly flags: ReadonlySet<string>
  readonly strings: ReadonlyMap<string, string>
  readonly integers: ReadonlyMap<string, number>
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const positionals: string[] = []
  const flags = new Set<string>()
  const strings = new Map<string, string>()
  const integers = new Map<string, number>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg)
      continue
    }
    const [name, inlineValue] = splitOption(arg.slice(2))
    const option = spec.options[name]
    if (option === undefined) throw usageError(`pevm ${spec.name}: unknown option --${name} (see pevm ${spec.name} --help)`)
    if (option.kind === 'flag') {
      if (inlineValue !== undefined) throw usageError(`pevm ${spec.name}: --${name} takes no value`)
      flags.add(name)
      continue
    }
    const value = inlineValue ?? argv[++i]
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw usageError(`pevm ${spec.name}: --${name} needs a value (${option.valueName})`)
    }
    if (option.kind === 'string') {
      strings.set(name, value)
    } else {
      if (!/^[0-9]+$/.test(value)) throw usageError(`pevm ${spec.name}: --${name} takes a whole number, got ${JSON.stringify(value)}`)
      const number = Number(value)
      if (number < option.min || (option.max !== undefined && number > option.max)) {
        const range = option.max === undefined ? `at least ${option.min}` : `${option.min} to ${option.max}`
        throw usageError(`pevm ${spec.name}: --${name} must be ${range}, got ${number}`)
      }
      integers.set(name, number)
    }
  }
  return { positionals, flags, strings, integers }
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf('=')
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)]
}

export function helpText(spec: CommandSpec): string {
  const lines = [`pevm ${spec.name} — ${spec.summary}`, '', `usage: ${spec.usage}`]
  if (spec.details !== undefined) lines.push('', spec.details)
  const names = Object.keys(spec.options)
  if (names.length > 0) {
    lines.push('', 'options:')
    const labels = names.map((name) => {
      const option = spec.options[name]!
      return option.kind === 'flag' ? `--${name}` : `--${name} <${option.valueName}>`
    })
    const width = Math.max(...labels.map((label) => label.length), '--help'.length)
    names.forEach((name, i) => lines.push(`  ${labels[i]!.padEnd(width)}  ${spec.options[name]!.description}`))
    lines.push(`  ${'--help'.padEnd(width)}  show this help`)
  }
  return lines.join('\n')
}
