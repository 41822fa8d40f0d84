import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { InputError } from '../domain/errors.js';
import { redactPans } from '../domain/pan.js';
import type { Side } from '../domain/record.js';
import { decodeFile } from '../import/decode.js';
import { resolveSource } from '../import/detect.js';
import { normalize } from '../import/normalize.js';
import type { Db } from '../store/open.js';
import { filesRepo, type ImportedFileRow, type RowCounts } from '../store/repos/files.js';
import { recordsRepo } from '../store/repos/records.js';
import type { AppContext } from './context.js';
import { sha256File, sha256Text } from './hash-file.js';

export interface ImportOptions {
  path: string;
  side?: Side;
  format?: string;
  encoding?: string;
  /** 'HH:MM:SS', for settlement rows that carry no clearing date. */
  cutoff: string;
}

export interface RowIssue {
  line: number;
  reason: string;
}

export type ImportResult =
  | {
      status: 'imported';
      path: string;
      fileId: number;
      side: Side;
      format: string;
      encoding: string;
      why: string;
      sha256: string;
      counts: RowCounts;
      /** Every rejected row, with its line and reason (the raw text is in the database). */
      rejected: RowIssue[];
    }
  | { status: 'already-imported'; path: string; sha256: string; previous: ImportedFileRow };

async function checkReadable(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${path}: not a file`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * Imports one file in one transaction: all of its rows, or none. A file already imported (same sha256,
 * same side) changes nothing. Each row is imported, rejected with its reason, or skipped with its reason.
 */
export async function importFile(db: Db, opts: ImportOptions, ctx: AppContext): Promise<ImportResult> {
  await checkReadable(opts.path);
  const sha256 = await sha256File(opts.path);
  const source = await resolveSource(opts.path, opts);
  const files = filesRepo(db);
  const previous = files.findBySha(sha256, source.side);
  if (previous) return { status: 'already-imported', path: opts.path, sha256, previous };

  const records = recordsRepo(db);
  const counts: RowCounts = { read: 0, imported: 0, rejected: 0, skipped: 0 };
  const rejected: RowIssue[] = [];
  db.exec('BEGIN IMMEDIATE');
  try {
    const fileId = files.insert({
      path: resolve(opts.path),
      name: basename(opts.path),
      sha256,
      side: source.side,
      format: source.adapter.format,
      encoding: source.encoding,
      imported_at: ctx.now().toISOString(),
    });
    const rows = source.adapter.read(decodeFile(opts.path, source.encoding), { path: opts.path, side: source.side });
    const unimported = (line: number, kind: 'skip' | 'reject', reason: string, raw: string): void => {
      const disposition = kind === 'skip' ? 'skipped' : 'rejected';
      records.addUnimported(fileId, line, disposition, reason, raw);
      counts[disposition]++;
      if (kind === 'reject') rejected.push({ line, reason });
    };
    for await (const row of rows) {
      counts.read++;
      if (counts.read % 10000 === 0) ctx.progress?.(basename(opts.path), counts.read);
      // The card column's value is masked wherever it appears in the line; any other Luhn-valid run too.
      const raw = redactPans(row.raw, row.kind === 'fields' && row.fields.card_no ? [row.fields.card_no] : []);
      if (row.kind !== 'fields') {
        unimported(row.line, row.kind, row.reason, raw);
        continue;
      }
      const n = normalize(source.side, row.fields, { cutoff: opts.cutoff });
      if (n.kind !== 'record') {
        unimported(row.line, n.kind, n.reason, raw);
        continue;
      }
      const prov = { line: row.line, raw, rawSha256: sha256Text(row.raw) };
      if ('settleDate' in n.record) records.addSettlement(fileId, { ...n.record, ...prov });
      else records.addTerminal(fileId, { ...n.record, ...prov });
      counts.imported++;
    }
    files.setCounts(fileId, counts);
    db.exec('COMMIT');
    return {
      status: 'imported',
      path: opts.path,
      fileId,
      side: source.side,
      format: source.adapter.format,
      encoding: source.encoding,
      why: source.why,
      sha256,
      counts,
      rejected,
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
