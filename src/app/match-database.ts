import { Worker } from 'node:worker_threads';
import { AppError, EXIT, type ExitCode } from '../domain/errors.js';
import type { TerminalHealth } from '../report/model.js';
import type { MatchOptions, MatchResult } from './run-match.js';

/**
 * The old-generation heap of the matching thread, in MB. Matching holds one group of terminals at a time, but
 * V8 lets a heap grow far past what is live before it collects; a cap makes it collect instead, and keeps the
 * whole process near 200 MB (bench/NOTES.md). A terminal with more than about 50,000 records of its own
 * needs more: $POSRECON_MATCH_HEAP_MB raises it.
 */
const DEFAULT_HEAP_MB = 128;

export interface MatchJob {
  dbPath: string;
  opts: Pick<MatchOptions, 'cutoff' | 'dryRun'>;
}

export type MatchOutcome = MatchResult & { health: TerminalHealth };
export type MatchReply =
  | { result: MatchOutcome }
  | { error: { message: string; code?: string; exitCode?: ExitCode; hint?: string } };

function heapMb(): number {
  const env = Number(process.env['POSRECON_MATCH_HEAP_MB']);
  return Number.isInteger(env) && env >= 64 ? env : DEFAULT_HEAP_MB;
}

/** Matches the database at dbPath in a worker thread whose heap is capped. The worker uses the system clock and user. */
export function matchDatabase(dbPath: string, opts: MatchJob['opts']): Promise<MatchOutcome> {
  const heap = heapMb();
  const worker = new Worker(new URL('./match-worker.js', import.meta.url), {
    workerData: { dbPath, opts } satisfies MatchJob,
    resourceLimits: { maxOldGenerationSizeMb: heap },
  });
  return new Promise((resolve, reject) => {
    let replied = false;
    worker.once('message', (reply: MatchReply) => {
      replied = true;
      if ('result' in reply) return resolve(reply.result);
      const { message, code, exitCode, hint } = reply.error;
      reject(code && exitCode !== undefined ? new AppError(message, { code, exitCode, ...(hint === undefined ? {} : { hint }) }) : new Error(message));
    });
    worker.once('error', (e: Error & { code?: string }) => {
      replied = true;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
      reject(
        new AppError(`matching ran out of its ${heap} MB heap: a single terminal holds more records than fit`, {
          code: 'memory',
          exitCode: EXIT.internal,
          hint: `run again with POSRECON_MATCH_HEAP_MB=${heap * 2}; nothing was stored`,
        }),
      );
    });
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`the matching thread stopped with code ${code} before it replied`));
    });
  });
}
