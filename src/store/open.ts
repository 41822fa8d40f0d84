import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, UsageError } from '../domain/errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

const BUSY_TIMEOUT_MS = 10 * 60 * 1000;

/** Opens (creating if needed) and migrates a posrecon database. */
export function openStore(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
    // First, so that even switching a new database to WAL waits for another process instead of failing:
    // a second posrecon process waits for the first (an import holds the write lock for its whole file).
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
  } catch (cause) {
    throw new StoreError(`cannot open database ${path}: ${(cause as Error).message}`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** For commands that read or change what is there: a mistyped path must not become a new, empty database. */
export function requireDatabase(path: string): void {
  if (!existsSync(path)) {
    throw new UsageError(`${path}: no such database`, 'give --db PATH (default: $POSRECON_DB, else ./posrecon.db or out/posrecon.db if either exists); posrecon import or run starts a new database');
  }
}

/**
 * Runs fn on the database at path, closing it after. A database that does not exist is refused unless `create`
 * says the command starts one (import, run, rates set, merchants set): refusing is the default so that a command
 * added later cannot turn a mistyped --db into a new, empty database that reads as "nothing found".
 */
export async function withStore<T>(path: string, fn: (db: Db) => Promise<T> | T, opts: { create?: boolean } = {}): Promise<T> {
  if (!opts.create) requireDatabase(path);
  const db = openStore(path);
  try {
    return await fn(db);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreError(`${path} is busy: another posrecon process has held it for ${BUSY_TIMEOUT_MS / 60000} minutes`, 'try again when it finishes', e);
    }
    throw e;
  } finally {
    db.close();
  }
}

/** Opens an existing database without changing it (no migration, no pragmas that write): for doctor and backup. */
export function openExisting(path: string, opts: { readonly: boolean }): Db {
  try {
    const db = new Database(path, { readonly: opts.readonly, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (cause) {
    throw new StoreError(`cannot open database ${path}: ${(cause as Error).message}`);
  }
}
