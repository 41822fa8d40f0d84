import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodingChoice } from '../import/decode.js';
import type { ReadContext } from '../import/types.js';
import type { RowOptions } from './row-batches.js';
import { BATCH_ROWS, type RowMessage } from './row-messages.js';
import { rebuild, type SentError } from './thread-errors.js';

/** What the import worker needs to read a file on its own: plain data, since it crosses to another thread. */
export interface WorkerJob {
  path: string;
  format: string;
  /** Each part's encoding as the main thread decided it, so that the worker does not decide again. */
  encodings: EncodingChoice[];
  read: ReadContext;
  rows: RowOptions;
}

export type WorkerReply = RowMessage | { kind: 'error'; error: SentError };

/** Rows the worker may prepare ahead of the inserts: bounds memory when reading outpaces SQLite. */
const AHEAD_ROWS = 8000;

/** The same in batches, the unit the worker counts. */
export const MAX_AHEAD = Math.ceil(AHEAD_ROWS / BATCH_ROWS);

/** Compiled, the worker sits next to this module; run from TypeScript sources (the tests) there is none. */
const WORKER_URL = new URL('./import-worker.js', import.meta.url);

export function workerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * The worker holds a chunk of the file and at most MAX_AHEAD batches; V8 would still grow its heap to hundreds of
 * MB before collecting. Measured at 1M rows: 64 MB slowed the import by a quarter, 96 MB did not.
 */
const WORKER_HEAP_MB = 96;

/**
 * Reads and prepares the rows in a worker thread while this thread inserts them, so that parsing, masking and
 * hashing run on the second core (on 300k rows they took 7.5 s of this thread's CPU before, 2.9 s with the
 * worker). The worker waits when it is MAX_AHEAD batches ahead; it is stopped however the import ends.
 */
export async function* workerMessages(job: WorkerJob): AsyncGenerator<RowMessage> {
  const consumed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_URL, { workerData: { job, consumed }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const queue: WorkerReply[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let exited = false;
  worker.on('message', (m: WorkerReply) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e: Error) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure) throw failure;
        if (exited) throw new Error(`${job.path}: the import worker stopped before the end of the file`);
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (m.kind === 'error') throw rebuild(m.error);
      yield m;
      if (m.kind === 'done') return;
      Atomics.add(consumed, 0, 1);
      Atomics.notify(consumed, 0);
    }
  } finally {
    await worker.terminate();
  }
}
