import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { InputError } from '../domain/errors.js';
import type { Side } from '../domain/record.js';
import type { ControlCheck } from '../import/control.js';
import { resolveSource } from '../import/detect.js';
import { loadProfile } from '../import/profile/load.js';
import type { Db } from '../store/open.js';
import { filesRepo, type ImportedFileRow, type RowCounts } from '../store/repos/files.js';
import { auditRepo } from '../store/repos/audit.js';
import { lastRecordId, repeatedRows, type RepeatedRows } from '../store/repos/repeated-rows.js';
import { actorOf, type AppContext } from './context.js';
import { sha256File } from './hash-file.js';
import { consumeRows, noRowReadError, type RowIssue } from './import-rows.js';
import { rowSource } from './row-source.js';

export type { RowIssue } from './import-rows.js';

export interface ImportOptions {
  path: string;
  side?: Side;
  format?: string;
  encoding?: string;
  /** 'HH:MM:SS', for settlement rows that carry no clearing date. */
  cutoff: string;
  /** Year for dates printed without one (UnionPay MMDDhhmmss), when the file name does not give it. */
  year?: number;
  /** A profile file describing the layout (JSON); the format is then the profile's. */
  profile?: string;
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
      /** Rows imported but not exactly as printed, and other things to review. */
      warnings: RowIssue[];
      /** What the file says about its own totals, against its rows and what was imported. */
      controls: ControlCheck[];
      /** Rows of this file that earlier files already hold: a second copy, or overlapping downloads. */
      repeats: RepeatedRows;
      /** Why the file looks like the other side's (a journal given as a settlement file), or null. */
      sideDoubt: string | null;
    }
  | { status: 'already-imported'; path: string; sha256: string; previous: ImportedFileRow };

/**
 * Page cache while a file is imported, in KiB (the default is 2 MB). 64 MB took a million-row import to 460 MB of
 * memory with the worker thread; 32 MB, with the worker's heap capped, keeps it near 270 MB at the same speed.
 */
const IMPORT_CACHE_KIB = 32 * 1024;

/** Rows of a new file looked up among earlier files' records, to notice a second copy (repeated-rows.ts). */
const REPEAT_SAMPLES = 32;

const WHY_UNREADABLE: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied' };

/**
 * Callers check every input before they open (and so create) a database or an output folder: a mistyped path
 * must leave nothing behind.
 */
export async function checkReadable(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${path}: not a file`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read (${(code && WHY_UNREADABLE[code]) ?? code ?? (e as Error).message})`);
  }
}

/**
 * Imports one file in one transaction: all of its rows, or none. A file already imported (same sha256,
 * same side) changes nothing. Each row is imported, rejected with its reason, or skipped with its reason.
 */
export async function importFile(db: Db, opts: ImportOptions, ctx: AppContext): Promise<ImportResult> {
  await checkReadable(opts.path);
  const sha256 = await sha256File(opts.path);
  const profile = opts.profile === undefined ? undefined : await loadProfile(opts.profile);
  const source = await resolveSource(opts.path, {
    ...(opts.side === undefined ? {} : { side: opts.side }),
    ...(opts.format === undefined ? {} : { format: opts.format }),
    ...(opts.encoding === undefined ? {} : { encoding: opts.encoding }),
    ...(profile ? { profile } : {}),
  });
  const files = filesRepo(db);
  // The write lock is taken before the duplicate check, so two processes importing the same file at
  // once end with one import and one "already imported", never a constraint error.
  db.exec('BEGIN IMMEDIATE');
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  // An index not in file order (terminal_id) takes rows all over it: with the default 2 MB cache its pages were
  // written out to the WAL and read back again and again. Memory only: a crash mid-import still leaves the
  // database intact.
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    const previous = files.findBySha(sha256, source.side);
    if (previous) {
      db.exec('ROLLBACK');
      return { status: 'already-imported', path: opts.path, sha256, previous };
    }
    const fileId = files.insert({
      path: resolve(opts.path),
      name: basename(opts.path),
      sha256,
      side: source.side,
      format: source.adapter.format,
      encoding: source.encoding,
      imported_at: ctx.now().toISOString(),
    });
    const before = lastRecordId(db, source.side);
    const messages = rowSource(source, {
      read: { path: opts.path, side: source.side, ...(opts.year === undefined ? {} : { year: opts.year }) },
      rows: {
        fileId,
        side: source.side,
        cutoff: opts.cutoff,
        terminalOptional: source.adapter.terminalOptional === true,
        naturalDay: source.adapter.naturalDay === true,
        sumsRows: source.adapter.sumsRows === true,
      },
    });
    const { counts, rejected, warnings, controls, aboveHeader, sideDoubt } = await consumeRows(db, fileId, messages, opts.path, ctx);
    // A file whose every row came before a header that never appeared is not this format at all (a --format
    // forced wrongly): refuse it, so its hash is not recorded as imported and a right import stays possible.
    const hint = opts.format ? `leave out --format ${opts.format} to let posrecon detect the format` : 'see posrecon formats';
    if (counts.read > 0 && aboveHeader === counts.read) {
      throw new InputError(`${opts.path}: no ${source.adapter.format} header row found: all ${counts.read} lines came before one; nothing imported`, hint);
    }
    // Likewise a file of which not one row could be read: it is the wrong format, not a file of bad rows.
    if (counts.imported === 0 && rejected.length > 0) {
      throw noRowReadError({
        path: opts.path,
        read: counts.read,
        rejected,
        format: source.adapter.format,
        ...(opts.format === undefined ? {} : { forcedFormat: opts.format }),
        ...(opts.encoding === undefined ? {} : { forcedEncoding: opts.encoding }),
      });
    }
    files.setCounts(fileId, counts);
    const repeats = repeatedRows(db, source.side, before, lastRecordId(db, source.side), REPEAT_SAMPLES);
    auditRepo(db).append({
      at: ctx.now().toISOString(),
      actor: actorOf(ctx),
      action: 'import',
      details: { file: basename(opts.path), path: resolve(opts.path), sha256, side: source.side, format: source.adapter.format, file_id: fileId, ...counts },
    });
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
      warnings,
      controls,
      repeats,
      sideDoubt,
    };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
