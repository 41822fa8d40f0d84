import type { Resolved } from '../import/detect.js';
import { ADAPTERS } from '../import/adapters/index.js';
import type { ReadContext } from '../import/types.js';
import type { RowOptions } from './row-batches.js';
import { rowMessages, type RowMessage } from './row-messages.js';
import { workerAvailable, workerMessages } from './row-worker.js';

/**
 * Below this size (of content: a zip's entries uncompressed) a file is read in process: starting a worker (a second
 * isolate loading the import modules) would cost more than it saves. 4 MB is some 30,000 journal rows.
 */
const WORKER_MIN_BYTES = 4 << 20;

export interface RowSourceOptions {
  read: ReadContext;
  rows: RowOptions;
}

/**
 * The rows of a resolved file, as batches ready to insert: prepared in a worker thread when that pays (a large
 * file or zip of a built-in text format), else in process. Both run the same code (rowMessages), so they store the same.
 */
export function rowSource(source: Resolved, opts: RowSourceOptions): AsyncIterable<RowMessage> {
  const parts = source.input.parts;
  // The worker re-opens the file by path (a zip too), so it needs an adapter it can find by name (a --profile's
  // adapter is built from the profile file); the parts' encodings are passed on as decided here. A workbook stays
  // in process: exceljs needs more than the worker's capped heap.
  const inWorker =
    parts.length > 0 && ADAPTERS.includes(source.adapter) && source.adapter.format !== 'xlsx' && parts.reduce((n, p) => n + p.size, 0) >= WORKER_MIN_BYTES && workerAvailable();
  if (!inWorker) return rowMessages(source.adapter, source.input, opts.read, opts.rows);
  return workerMessages({
    path: source.input.path,
    format: source.adapter.format,
    encodings: parts.map((p) => ({ encoding: p.encoding, why: p.encodingWhy })),
    read: opts.read,
    rows: opts.rows,
  });
}
