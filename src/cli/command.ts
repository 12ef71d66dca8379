import type { CommandSpec, ParsedArgs } from './args.js'

/** One `pevm <name>` command: its spec (options, help) and what it does. Returns the exit code. */
export interface Command {
  readonly spec: CommandSpec
  run(args: ParsedArgs): Promise<number>
}
