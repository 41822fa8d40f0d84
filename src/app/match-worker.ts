import { parentPort, workerData } from 'node:worker_threads';
import { readTerminalHealth } from '../report/terminal-health.js';
import { withStore } from '../store/open.js';
import { systemContext } from './context.js';
import type { MatchJob, MatchReply } from './match-database.js';
import { runMatch } from './run-match.js';
import { sendable } from './thread-errors.js';

// One match, in the heap-capped worker match-database.ts starts. Errors cross back as plain data
// (thread-errors.ts), to be thrown again as the same class with the same exit code.
const { dbPath, opts } = workerData as MatchJob;
let reply: MatchReply;
try {
  reply = { result: await withStore(dbPath, (db) => ({ ...runMatch(db, opts, systemContext), health: readTerminalHealth(db) })) };
} catch (e) {
  reply = { error: sendable(e) };
}
parentPort?.postMessage(reply);
