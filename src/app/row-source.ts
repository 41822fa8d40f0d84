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
 * Whether a resolved file is worth a worker thread: enough content (a zip's entries counted uncompressed), and an
 * adapter the worker can find by name, since it re-opens the file by path (a --profile's adapter is built from the
 * profile file). A workbook stays in process: exceljs needs more than the worker's capped heap.
 */
export function worthAWorker(source: Resolved): boolean {
  const parts = source.input.parts;
  return (
    parts.length > 0 &&
    ADAPTERS.includes(source.adapter) &&
    source.adapter.format !== 'xlsx' &&
    parts.reduce((n, p) => n + p.size, 0) >= WORKER_MIN_BYTES
  );
}

/**
 * The rows of a resolved file, as batches ready to insert: prepared in a worker thread when that pays, else in
 * process. Both run the same code (rowMessages), so they store the same.
 */
export function rowSource(source: Resolved, opts: RowSourceOptions): AsyncIterable<RowMessage> {
  if (!worthAWorker(source) || !workerAvailable()) return rowMessages(source.adapter, source.input, opts.read, opts.rows);
  return workerMessages({
    path: source.input.path,
    format: source.adapter.format,
    // Each part's encoding as decided here, so that the worker does not decide again.
    encodings: source.input.parts.map((p) => ({ encoding: p.encoding, why: p.encodingWhy })),
    read: opts.read,
    rows: opts.rows,
  });
}
