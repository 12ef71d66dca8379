/**
 * Every error the project raises on purpose, made in one place with a
 * literal `name`, so that callers can switch on it and the CLI can print its
 * message in one line. Anything else that escapes is a bug.
 */

export type PevmErrorName =
  | 'InputError'
  | 'InvalidTransactionError'
  | 'ExecutionMismatchError'
  | 'WorkerFailureError'
  | 'UsageError'

export class PevmError extends Error {
  override readonly name: PevmErrorName
  constructor(name: PevmErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = name
  }
}

/** Bad input: a missing or malformed file, directory or field. Names the file (and entry). */
export function inputError(message: string, cause?: unknown): PevmError {
  return new PevmError('InputError', message, { cause })
}

/** Bad command-line usage. */
export function usageError(message: string): PevmError {
  return new PevmError('UsageError', message)
}

export function isPevmError(error: unknown): error is PevmError {
  return error instanceof PevmError
}
