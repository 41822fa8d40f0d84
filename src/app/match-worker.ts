import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { readTerminalHealth } from '../report/terminal-health.js';
import { withStore } from '../store/open.js';
import { systemContext } from './context.js';
import type { MatchJob, MatchReply } from './match-database.js';
import { runMatch } from './run-match.js';

// One match, in the heap-capped worker match-database.ts starts. Errors cross back as plain data: an
// AppError keeps its exit code and hint.
const { dbPath, opts } = workerData as MatchJob;
let reply: MatchReply;
try {
  reply = { result: await withStore(dbPath, (db) => ({ ...runMatch(db, opts, systemContext), health: readTerminalHealth(db) })) };
} catch (e) {
  reply =
    e instanceof AppError
      ? { error: { message: e.message, code: e.code, exitCode: e.exitCode, ...(e.hint === undefined ? {} : { hint: e.hint }) } }
      : { error: { message: e instanceof Error ? (e.stack ?? e.message) : String(e) } };
}
parentPort?.postMessage(reply);
