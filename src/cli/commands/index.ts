import type { Command } from '../command.js'
import { analyzeCommand } from './analyze.js'
import { benchCommand } from './bench.js'
import { orderCommand } from './order.js'
import { runCommand } from './run.js'

/** Every `pevm` command, in the order `pevm --help` lists them. */
export const commands: readonly Command[] = [runCommand, analyzeCommand, orderCommand, benchCommand]
