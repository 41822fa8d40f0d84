import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError } from '../domain/errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type MigrationResult = { id: number; name: string; status: 'applied' | 'already-applied' };

export interface MigrationStatus {
  applied: number[];
  pending: number[];
  /** In the database, unknown to this version. */
  unknown: Array<{ id: number; name: string }>;
  /** Applied, but this version's text differs. */
  changed: Array<{ id: number; name: string }>;
}

function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/** Compares the database's migration records with the migrations this version knows; changes nothing. */
export function inspectMigrations(db: Database.Database, known: readonly Migration[] = MIGRATIONS): MigrationStatus {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = table
    ? (db.prepare('SELECT id, name, sha256 FROM schema_migrations ORDER BY id').all() as Array<{ id: number; name: string; sha256: string }>)
    : [];
  const byId = new Map(known.map((m) => [m.id, m]));
  const done = new Set(applied.map((r) => r.id));
  return {
    applied: applied.map((r) => r.id),
    pending: known.filter((m) => !done.has(m.id)).map((m) => m.id),
    unknown: applied.filter((r) => !byId.has(r.id)).map(({ id, name }) => ({ id, name })),
    changed: applied.filter((r) => {
      const m = byId.get(r.id);
      return m !== undefined && checksum(m) !== r.sha256;
    }).map(({ id, name }) => ({ id, name })),
  };
}

/**
 * Applies pending migrations, each in one transaction with its bookkeeping row. Refuses a database that
 * has migrations this version does not know, or whose applied migration text changed: running on either
 * would mean guessing at the schema.
 */
export function migrate(db: Database.Database, known: readonly Migration[] = MIGRATIONS): MigrationResult[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const status = inspectMigrations(db, known);
  const unknown = status.unknown[0];
  if (unknown) {
    throw new StoreError(
      `database has migration ${unknown.id} (${unknown.name}) that this version of posrecon does not know`,
      'use a newer posrecon, or a different --db',
    );
  }
  const changed = status.changed[0];
  if (changed) {
    throw new StoreError(`database migration ${changed.id} (${changed.name}) does not match this version's copy (checksum differs)`);
  }
  const insert = db.prepare('INSERT INTO schema_migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const pending = new Set(status.pending);
  // Under the write lock, and checked again there: two processes opening a new database at once must not
  // both apply the same migration.
  const apply = db.transaction((m: Migration): boolean => {
    if (applied.get(m.id)) return false;
    db.exec(m.sql);
    insert.run(m.id, m.name, checksum(m), new Date().toISOString());
    return true;
  });
  return known.map((m) => {
    const done = pending.has(m.id) && apply.immediate(m);
    return { id: m.id, name: m.name, status: done ? ('applied' as const) : ('already-applied' as const) };
  });
}
