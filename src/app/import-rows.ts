import { basename } from 'node:path';
import { InputError } from '../domain/errors.js';
import type { Db } from '../store/open.js';
import { controlTotalsRepo } from '../store/repos/control-totals.js';
import { recordsRepo } from '../store/repos/records.js';
import type { AppContext } from './context.js';
import type { RowIssue, RowsOutcome } from './row-batches.js';
import type { RowMessage } from './row-messages.js';

export type { RowIssue, RowsOutcome } from './row-batches.js';

const PROGRESS_EVERY = 10000;

/**
 * Stores every row of one file inside the caller's transaction: imported, rejected or skipped, each with its
 * reason (the batches say which; see RowBatcher). Rows located more precisely than by line keep that location in
 * the stored reason, since the table has only a line column.
 */
export async function consumeRows(db: Db, fileId: number, messages: AsyncIterable<RowMessage>, path: string, ctx: AppContext): Promise<RowsOutcome> {
  const records = recordsRepo(db);
  const controlsRepo = controlTotalsRepo(db);
  let read = 0;
  for await (const m of messages) {
    if (m.kind === 'done') {
      records.flush();
      for (const c of m.outcome.controls) controlsRepo.add(fileId, c);
      return m.outcome;
    }
    const b = m.batch;
    if (b.terminal.length > 0) records.addTerminalRows(b.terminal);
    if (b.settlement.length > 0) records.addSettlementRows(b.settlement);
    const u = b.unimported;
    for (let i = 0; i < u.length; i += 4) {
      records.addUnimported(fileId, u[i] as number, u[i + 1] as 'rejected' | 'skipped', u[i + 2] as string, u[i + 3] as string);
    }
    const w = b.warnings;
    for (let i = 0; i < w.length; i += 3) controlsRepo.addWarning(fileId, w[i] as number, w[i + 1] as string, w[i + 2] as string);
    for (let n = (Math.floor(read / PROGRESS_EVERY) + 1) * PROGRESS_EVERY; n <= b.read; n += PROGRESS_EVERY) ctx.progress?.(basename(path), n);
    read = b.read;
  }
  throw new Error(`${path}: the rows ended without an outcome`);
}

/** Distinct reasons shown when no row of a file could be read: one is often a symptom, three show the pattern. */
const REASONS_SHOWN = 3;

export interface NoRowReadOptions {
  path: string;
  read: number;
  rejected: readonly RowIssue[];
  /** The format the rows were read as. */
  format: string;
  /** The options the user gave, if any: the hint tells them to leave out the one that may be wrong. */
  forcedFormat?: string;
  forcedEncoding?: string;
}

/**
 * The refusal of a file of which not one row could be read: the wrong format, or the right one with values none of
 * which are in the form expected (a yuan column read as fen, another date order, a wrong --encoding). Reasons that
 * differ only in the values they quote count as one.
 */
export function noRowReadError(o: NoRowReadOptions): InputError {
  const seen = new Set<string>();
  const shown: string[] = [];
  for (const r of o.rejected) {
    const key = r.reason.replace(/"[^"]*"/g, '""');
    if (seen.has(key)) continue;
    seen.add(key);
    if (shown.length < REASONS_SHOWN) shown.push(`${r.where === undefined ? `line ${r.line}` : r.where.replace(/^[!:]/, '')}: ${r.reason}`);
  }
  const more = seen.size > shown.length ? `\n  … and ${seen.size - shown.length} other reason${seen.size - shown.length === 1 ? '' : 's'}` : '';
  const hints = [
    ...(o.forcedFormat === undefined ? [] : [`leave out --format ${o.forcedFormat} to let posrecon detect the format`]),
    ...(o.forcedEncoding === undefined ? [] : [`leave out --encoding ${o.forcedEncoding}: a wrong encoding garbles every Chinese value`]),
    `if the format is right, the values above are not in the form ${o.format} expects (README "Input columns"); a --profile can describe other forms`,
  ];
  return new InputError(
    `${o.path}: not one of ${o.read} rows could be read as ${o.format}, so nothing was imported; ${o.rejected.length} rejected, for example:\n  ${shown.join('\n  ')}${more}`,
    hints.join('; or '),
  );
}
