import { existsSync } from 'node:fs';
import { UsageError, StoreError } from '../domain/errors.js';
import { inspectMigrations } from '../store/migrate.js';
import { openExisting } from '../store/open.js';
import { healthChecksRepo } from '../store/repos/health-checks.js';

/**
 * Copies the database with SQLite's online backup API: consistent even while another posrecon process
 * imports or matches, and checked before it is called a backup.
 */
export async function backupDatabase(dbPath: string, outPath: string): Promise<{ pages: number }> {
  if (existsSync(outPath)) throw new UsageError(`${outPath} already exists; choose another --out`);
  const db = openExisting(dbPath, { readonly: true });
  let pages: number;
  try {
    pages = (await db.backup(outPath)).totalPages;
  } finally {
    db.close();
  }
  verify(outPath);
  return { pages };
}

/** Puts a backup in place of a database. Refuses a damaged backup, or one from a newer posrecon. */
export async function restoreDatabase(backupPath: string, dbPath: string, opts: { force: boolean }): Promise<{ pages: number }> {
  verify(backupPath);
  if (existsSync(dbPath) && !opts.force) {
    throw new UsageError(`${dbPath} exists; restoring replaces it`, 'stop other posrecon processes, then add --force');
  }
  const src = openExisting(backupPath, { readonly: true });
  try {
    return { pages: (await src.backup(dbPath)).totalPages };
  } finally {
    src.close();
  }
}

function verify(path: string): void {
  const db = openExisting(path, { readonly: true });
  try {
    const problems = healthChecksRepo(db).integrity();
    if (problems.length > 0) throw new StoreError(`${path} fails its integrity check: ${problems[0]}`);
    const m = inspectMigrations(db);
    if (m.unknown.length + m.changed.length > 0) throw new StoreError(`${path} was written by another version of posrecon`);
  } finally {
    db.close();
  }
}
