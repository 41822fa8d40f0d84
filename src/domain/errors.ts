/** Exit codes, documented in the README. Only cli/main.ts turns them into process.exitCode. */
export const EXIT = { ok: 0, discrepancies: 1, badInput: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface AppErrorOptions {
  code: string;
  exitCode: ExitCode;
  hint?: string;
  cause?: unknown;
}

/** The one error model: every failure a user can cause is an AppError with an exit code. */
export class AppError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, opts: AppErrorOptions) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = opts.code;
    this.exitCode = opts.exitCode;
    this.hint = opts.hint;
  }
}

export class UsageError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'usage', exitCode: EXIT.badInput, ...(hint === undefined ? {} : { hint }) });
  }
}

/** A file that cannot be used at all: unknown layout, unreadable, wrong encoding. */
export class InputError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'input', exitCode: EXIT.badInput, ...(hint === undefined ? {} : { hint }) });
  }
}

export class StoreError extends AppError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super(message, { code: 'store', exitCode: EXIT.badInput, ...(hint === undefined ? {} : { hint }), ...(cause === undefined ? {} : { cause }) });
  }
}
