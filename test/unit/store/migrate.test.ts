import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/domain/errors.js';
import { migrate } from '../../../src/store/migrate.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';

describe('migrate', () => {
  it('applies every migration once, recording its checksum', () => {
    const db = new Database(':memory:');
    expect(migrate(db).every((r) => r.status === 'applied')).toBe(true);
    expect(migrate(db).every((r) => r.status === 'already-applied')).toBe(true);
    const rows = db.prepare('SELECT id, sha256 FROM schema_migrations').all() as Array<{ id: number; sha256: string }>;
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.sha256))).toBe(true);
  });

  it('refuses a database with a migration this version does not know', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'from-the-future', 'x', 'now')").run();
    expect(() => migrate(db)).toThrow(StoreError);
    expect(() => migrate(db)).toThrow(/migration 999 \(from-the-future\) that this version of posrecon does not know/);
  });

  it('refuses a database whose applied migration text changed', () => {
    const db = new Database(':memory:');
    migrate(db);
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrow(/does not match this version's copy/);
  });

  it('rolls back a failing migration together with its bookkeeping row', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { id: 99, name: 'broken', sql: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'ok_table'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations WHERE id = 99').get()).toEqual({ n: 0 });
  });
});
