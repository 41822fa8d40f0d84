import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../domain/errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/** Opens (creating if needed) and migrates a posrecon database. */
export function openStore(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
  } catch (cause) {
    throw new StoreError(`cannot open database ${path}: ${(cause as Error).message}`);
  }
  db.pragma('foreign_keys = ON');
  // A second posrecon process waits for the first instead of failing with "database is locked".
  db.pragma('busy_timeout = 30000');
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export async function withStore<T>(path: string, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openStore(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
