/** The law the property tests check for one simulated run. */
import { simulate } from '../../../scheduler/simulator/simulator.js'
import { compareFinalValues, serialExecute, type ToyBlock } from '../../../scheduler/simulator/toyBlock.js'

/**
 * Simulates `block` and throws unless the run terminated (simulate throws
 * SimulationStuckError otherwise), committed exactly the serial result, and
 * validated every transaction's final incarnation.
 */
export function checkRun(block: ToyBlock, settings: Parameters<typeof simulate>[1]): void {
  const report = simulate(block, settings)
  const difference = compareFinalValues(serialExecute(block), report.finalValues)
  if (difference !== null) throw new Error(`committed values differ from serial execution: ${difference}`)
  report.finalIncarnations.forEach((incarnation, tx) => {
    if (report.validatedIncarnations[tx] !== incarnation) {
      throw new Error(`transaction ${tx}: final incarnation ${incarnation} was never validated (last valid: ${report.validatedIncarnations[tx]})`)
    }
  })
}
