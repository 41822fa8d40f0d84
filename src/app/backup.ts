import { existsSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError, UsageError } from '../domain/errors.js';
import { inspectMigrations } from '../store/migrate.js';
import { openExisting, requireDatabase } from '../store/open.js';
import { healthChecksRepo } from '../store/repos/health-checks.js';

/**
 * Copies the database with SQLite's online backup API: consistent even while another posrecon process
 * imports or matches, and checked before it is called a backup.
 */
export async function backupDatabase(dbPath: string, outPath: string): Promise<{ pages: number }> {
  requireDatabase(dbPath);
  if (existsSync(outPath)) throw new UsageError(`${outPath} already exists; choose another --out`);
  requireFolder(outPath, '--out');
  const db = openExisting(dbPath, { readonly: true });
  let pages: number;
  try {
    pages = (await db.backup(outPath)).totalPages;
  } catch (e) {
    throw cannotWrite(outPath, '--out', e);
  } finally {
    db.close();
  }
  const problem = await backupProblem(outPath);
  if (problem !== null) {
    // A copy that fails its check must not lie around looking like a backup someone could restore.
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(`${outPath}${s}`, { force: true })));
    throw new StoreError(`${dbPath}: ${problem}; no backup written`, 'give --db, the posrecon database to back up');
  }
  return { pages };
}

/**
 * Puts a backup in place of a database. Everything is checked before the database is touched, --force or not:
 * a file that is not a posrecon backup (an empty file, a CSV, another program's SQLite file) would otherwise
 * replace the books with nothing.
 */
export async function restoreDatabase(backupPath: string, dbPath: string, opts: { force: boolean }): Promise<{ pages: number }> {
  if (!existsSync(backupPath)) throw new UsageError(`${backupPath}: no such backup file`, 'give --from FILE, a file written by posrecon backup');
  const problem = await backupProblem(backupPath);
  if (problem !== null) {
    throw new UsageError(`${backupPath} is not a posrecon backup: ${problem}; ${dbPath} was not changed`, 'give --from FILE, a file written by posrecon backup');
  }
  if (existsSync(dbPath) && !opts.force) {
    throw new UsageError(`${dbPath} exists; restoring replaces it`, 'stop other posrecon processes, then add --force');
  }
  requireFolder(dbPath, '--db');
  const src = openExisting(backupPath, { readonly: true });
  try {
    return { pages: (await src.backup(dbPath)).totalPages };
  } catch (e) {
    throw cannotWrite(dbPath, '--db', e);
  } finally {
    src.close();
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Why `path` cannot be restored, or null: it must be a SQLite file (SQLite itself takes an empty file for an
 * empty database), pass PRAGMA integrity_check, and carry posrecon's migrations, all known to this version.
 */
async function backupProblem(path: string): Promise<string | null> {
  if (!statSync(path).isFile()) return 'expected a file, found a folder';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const f = await open(path, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await f.read(head, 0, head.length, 0));
  } finally {
    await f.close();
  }
  if (read === 0) return 'expected a SQLite database, found an empty file';
  if (read < head.length || !head.equals(SQLITE_HEADER)) return 'expected a SQLite database, found a file that does not start with "SQLite format 3"';
  const db = openExisting(path, { readonly: true });
  try {
    const integrity = healthChecksRepo(db).integrity();
    if (integrity.length > 0) return `it fails its integrity check: ${integrity[0]}`;
    const m = inspectMigrations(db);
    if (m.applied.length === 0) return 'expected posrecon\'s schema_migrations table, found a SQLite database without it';
    const unknown = m.unknown[0];
    if (unknown) return `it has migration ${unknown.id} (${unknown.name}), which this version of posrecon does not know (use a newer posrecon)`;
    const changed = m.changed[0];
    if (changed) return `its migration ${changed.id} (${changed.name}) differs from this version's copy`;
    return null;
  } catch (e) {
    if (!String((e as { code?: unknown }).code).startsWith('SQLITE_')) throw e;
    return `SQLite cannot read it (${(e as Error).message})`;
  } finally {
    db.close();
  }
}

/** better-sqlite3 reports a missing folder as a TypeError, so it is checked first, naming the option. */
function requireFolder(path: string, option: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new UsageError(`${option} ${path}: the folder ${dir} does not exist`, `create it first, or give another ${option}`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${option} ${path}: ${dir} is not a folder`, `give another ${option}`);
}

function cannotWrite(path: string, option: string, cause: unknown): unknown {
  if ((cause as { code?: unknown }).code !== 'SQLITE_CANTOPEN') return cause;
  return new StoreError(`${option} ${path}: cannot write it (${(cause as Error).message})`, 'check that its folder is writable', cause);
}
