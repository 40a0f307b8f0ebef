/** Exit codes of every command; documented in the README. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Ran, and found problems: error diagnostics with --strict, an invalid design, failed checks. */
  problems: 1,
  /** Could not run: bad arguments, a missing directory, a command not available in this version. */
  usage: 2,
  /** apply rewrote what it could and left TODO markers for the rest. */
  todosLeft: 3,
} as const;

/** A problem with the user's input: printed as one line, never with a stack trace. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
