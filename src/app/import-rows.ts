import { basename } from 'node:path';
import type { Db } from '../store/open.js';
import { controlTotalsRepo } from '../store/repos/control-totals.js';
import { recordsRepo } from '../store/repos/records.js';
import type { AppContext } from './context.js';
import type { RowsOutcome } from './row-batches.js';
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
