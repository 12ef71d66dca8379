/** `pevm bench --hints …`: parses the command's arguments and prints the hinted-vs-unhinted report. */
import type { ParsedArgs } from '../../src/cli/args.js'
import { formatHintedRows, hintedBenchOptions, runHintedBench } from './hintedBench.js'

export async function benchHintedCommand(args: ParsedArgs): Promise<number> {
  const options = hintedBenchOptions(args.strings.get('hints')!, {
    workers: args.integers.get('workers'),
    repeat: args.integers.get('repeat'),
    dirs: args.positionals,
    mechanisms: args.strings.get('mechanisms'),
    families: args.positionals.length === 0 || args.flags.has('families'),
    trust: args.strings.get('trust'),
  })
  const rows = await runHintedBench(options)
  console.log(args.flags.has('json') ? JSON.stringify({ options, rows }, null, 1) : formatHintedRows(rows, options))
  return rows.every((row) => row.correct) ? 0 : 1
}
