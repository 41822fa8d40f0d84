import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError } from '../domain/errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type MigrationResult = { id: number; name: string; status: 'applied' | 'already-applied' };

function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Applies pending migrations, each in one transaction with its bookkeeping row. Refuses a database that
 * has migrations this version does not know, or whose applied migration text changed: running on either
 * would mean guessing at the schema.
 */
export function migrate(db: Database.Database, known: readonly Migration[] = MIGRATIONS): MigrationResult[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name, sha256 FROM schema_migrations ORDER BY id').all() as Array<{
    id: number;
    name: string;
    sha256: string;
  }>;
  const byId = new Map(known.map((m) => [m.id, m]));
  for (const row of applied) {
    const m = byId.get(row.id);
    if (!m) {
      throw new StoreError(
        `database has migration ${row.id} (${row.name}) that this version of posrecon does not know`,
        'use a newer posrecon, or a different --db',
      );
    }
    if (checksum(m) !== row.sha256) {
      throw new StoreError(`database migration ${row.id} (${row.name}) does not match this version's copy (checksum differs)`);
    }
  }
  const done = new Set(applied.map((r) => r.id));
  const insert = db.prepare('INSERT INTO schema_migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  return known.map((m) => {
    if (done.has(m.id)) return { id: m.id, name: m.name, status: 'already-applied' as const };
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.id, m.name, checksum(m), new Date().toISOString());
    })();
    return { id: m.id, name: m.name, status: 'applied' as const };
  });
}
