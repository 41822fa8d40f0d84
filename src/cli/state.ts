import type { ExitCode } from '../domain/errors.js';
import type { AppContext } from '../app/context.js';

/** What a command hands back to main.ts, the one place that sets the process exit code. */
export interface CliState {
  exitCode: ExitCode;
  ctx: AppContext;
}
