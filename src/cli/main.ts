/**
 * `pevm`: the command-line face of the project. Every command has `--help`;
 * a deliberate error (bad input, bad usage) prints one line and exits 2;
 * anything else is a bug and prints its stack.
 */
import { isPevmError } from '../shared/errors.js'
import { helpText, parseArgs } from './args.js'
import type { Command } from './command.js'
import { commands } from './commands/index.js'

function overview(): string {
  const width = Math.max(...commands.map((command) => command.spec.name.length))
  return [
    'pevm — a parallel (Block-STM) EVM block executor with a sequential ethereumjs reference',
    '',
    'usage: pevm <command> [options]     pevm <command> --help',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.spec.name.padEnd(width)}  ${command.spec.summary}`),
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview())
    return name === undefined ? 2 : 0
  }
  const command: Command | undefined = commands.find((candidate) => candidate.spec.name === name)
  if (command === undefined) {
    console.error(`pevm: unknown command ${JSON.stringify(name)}\n\n${overview()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(helpText(command.spec))
    return 0
  }
  return command.run(parseArgs(command.spec, rest))
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (isPevmError(error)) {
      console.error(`pevm: ${error.message}`)
      process.exitCode = 2
    } else {
      console.error(error)
      process.exitCode = 1
    }
  },
)
