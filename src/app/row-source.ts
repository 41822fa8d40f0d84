import type { Resolved } from '../import/detect.js';
import { ADAPTERS } from '../import/adapters/index.js';
import type { ReadContext } from '../import/types.js';
import type { RowOptions } from './row-batches.js';
import { rowMessages, type RowMessage } from './row-messages.js';
import { workerAvailable, workerMessages } from './row-worker.js';

/**
 * Below this size a file is read in process: starting a worker (a second isolate loading the import modules) would
 * cost more than it saves. 4 MB is some 30,000 journal rows.
 */
const WORKER_MIN_BYTES = 4 << 20;

export interface RowSourceOptions {
  read: ReadContext;
  rows: RowOptions;
  /** The file's size. */
  bytes: number;
}

/**
 * The rows of a resolved file, as batches ready to insert: prepared in a worker thread when that pays (a large
 * plain file of a built-in format), else in process. Both run the same code (rowMessages), so they store the same.
 */
export function rowSource(source: Resolved, opts: RowSourceOptions): AsyncIterable<RowMessage> {
  const part = source.input.parts[0];
  // The worker re-opens the file by path, so it needs a plain file and an adapter it can find by name (a
  // --profile's adapter is built from the profile file); the part's encoding is passed on as decided here.
  const inWorker = !source.input.archive && part !== undefined && ADAPTERS.includes(source.adapter) && opts.bytes >= WORKER_MIN_BYTES && workerAvailable();
  if (!inWorker) return rowMessages(source.adapter, source.input, opts.read, opts.rows);
  return workerMessages({
    path: source.input.path,
    format: source.adapter.format,
    encoding: { encoding: part.encoding, why: part.encodingWhy },
    read: opts.read,
    rows: opts.rows,
  });
}
