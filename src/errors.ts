/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;

/**
 * An error the user can act on: printed as one line (plus an optional hint),
 * never with a stack trace.
 */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = "UserError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}

/** A bad or missing flag or argument: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { ...options, exitCode: EXIT.usage });
    this.name = "UsageError";
  }
}

/** The user pressed Ctrl-C or Esc in a prompt: exit 130. */
export class InterruptedError extends UserError {
  constructor(message = "cancelled") {
    super(message, { exitCode: EXIT.interrupted });
    this.name = "InterruptedError";
  }
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}
