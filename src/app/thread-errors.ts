import { AppError, InputError, StoreError, UsageError, type ExitCode } from '../domain/errors.js';

/** An error as it crosses back from a worker thread: enough to throw the same thing on the main thread. */
export interface SentError {
  name: string;
  message: string;
  stack?: string | undefined;
  app?: { code: string; exitCode: ExitCode; hint: string | undefined };
  /** A file-system error's code, syscall and path: the CLI tells those apart from bugs. */
  errno?: { code?: string | undefined; syscall?: string | undefined; path?: string | undefined };
}

/** What to post for an error thrown in a worker thread. */
export function sendable(e: unknown): SentError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const sent: SentError = { name: e.name, message: e.message, stack: e.stack };
  if (e instanceof AppError) {
    sent.app = { code: e.code, exitCode: e.exitCode, hint: e.hint };
    return sent;
  }
  const errno = e as NodeJS.ErrnoException;
  if (errno.code !== undefined) sent.errno = { code: errno.code, syscall: errno.syscall, path: errno.path };
  return sent;
}

/** The error to throw on the main thread for one a worker posted: same class, message, exit code and hint. */
export function rebuild(sent: SentError): Error {
  const { app } = sent;
  if (app) {
    if (sent.name === 'InputError') return new InputError(sent.message, app.hint);
    if (sent.name === 'UsageError') return new UsageError(sent.message, app.hint);
    if (sent.name === 'StoreError') return new StoreError(sent.message, app.hint);
    return new AppError(sent.message, { code: app.code, exitCode: app.exitCode, ...(app.hint === undefined ? {} : { hint: app.hint }) });
  }
  const e = Object.assign(new Error(sent.message), sent.errno ?? {});
  e.name = sent.name;
  if (sent.stack !== undefined) e.stack = sent.stack;
  return e;
}
