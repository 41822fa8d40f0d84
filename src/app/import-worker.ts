/**
 * The import worker (see row-worker.ts): reads one file, prepares its rows and posts them as batches. It never
 * touches the database; the main thread holds the transaction.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ADAPTERS } from '../import/adapters/index.js';
import { openInput } from '../import/source-input.js';
import { rowMessages } from './row-messages.js';
import { MAX_AHEAD, type WorkerJob, type WorkerReply } from './row-worker.js';
import { sendable } from './thread-errors.js';

const { job, consumed } = workerData as { job: WorkerJob; consumed: Int32Array };
const port = parentPort;

function post(reply: WorkerReply): void {
  port?.postMessage(reply);
}

/** Blocks this thread while it is MAX_AHEAD batches ahead of the inserts; the timeout lets terminate() through. */
function waitForRoom(sent: number): void {
  for (let done = Atomics.load(consumed, 0); sent - done >= MAX_AHEAD; done = Atomics.load(consumed, 0)) {
    Atomics.wait(consumed, 0, done, 100);
  }
}

try {
  const adapter = ADAPTERS.find((a) => a.format === job.format);
  if (!adapter) throw new Error(`import worker: no adapter for format ${job.format}`);
  const input = await openInput(job.path, job.encodings);
  let sent = 0;
  for await (const m of rowMessages(adapter, input, job.read, job.rows)) {
    if (m.kind === 'rows') waitForRoom(sent++);
    post(m);
  }
} catch (e) {
  post({ kind: 'error', error: sendable(e) });
}
