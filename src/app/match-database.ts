import { Worker } from 'node:worker_threads';
import { AppError, EXIT } from '../domain/errors.js';
import type { TerminalHealth } from '../report/model.js';
import { withStore } from '../store/open.js';
import { matchHeapMb, type MatchOptions, type MatchResult } from './run-match.js';
import { rebuild, type SentError } from './thread-errors.js';

export interface MatchJob {
  dbPath: string;
  opts: Pick<MatchOptions, 'cutoff' | 'dryRun'>;
}

export type MatchOutcome = MatchResult & { health: TerminalHealth };
export type MatchReply =
  | { result: MatchOutcome }
  | { error: SentError };

/** $POSRECON_MATCH_HEAP_MB overrides the heap the run computes for itself. */
function heapOverride(): number | null {
  const env = Number(process.env['POSRECON_MATCH_HEAP_MB']);
  return Number.isInteger(env) && env >= 64 ? env : null;
}

/**
 * Matches the database at dbPath in a worker thread whose old-generation heap is capped at what the run needs
 * (matchHeapMb), so that V8 collects instead of growing: with 2,000 terminals the whole process stays near 200 MB
 * at a million rows a side (bench/NOTES.md). The worker uses the system clock and user.
 */
export async function matchDatabase(dbPath: string, opts: MatchJob['opts']): Promise<MatchOutcome> {
  const heap = heapOverride() ?? (await withStore(dbPath, matchHeapMb));
  const worker = new Worker(new URL('./match-worker.js', import.meta.url), {
    workerData: { dbPath, opts } satisfies MatchJob,
    resourceLimits: { maxOldGenerationSizeMb: heap },
  });
  return new Promise((resolve, reject) => {
    let replied = false;
    worker.once('message', (reply: MatchReply) => {
      replied = true;
      if ('result' in reply) return resolve(reply.result);
      reject(rebuild(reply.error));
    });
    worker.once('error', (e: Error & { code?: string }) => {
      replied = true;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
      reject(
        new AppError(`matching ran out of its ${heap} MB heap`, {
          code: 'memory',
          exitCode: EXIT.internal,
          hint: `nothing was stored; run again with POSRECON_MATCH_HEAP_MB=${heap * 2}`,
        }),
      );
    });
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`the matching thread stopped with code ${code} before it replied`));
    });
  });
}
