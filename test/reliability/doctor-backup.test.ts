import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { posrecon } from '../helpers/exec.js';
import { runChild } from '../helpers/child.js';

const SAMPLES = join(import.meta.dirname, '../../samples');
const samples = ['journal.csv', 'settlement_20260308.csv', 'settlement_20260309.csv'].map((f) => join(SAMPLES, f));

function freshDb(): string {
  const db = join(mkdtempSync(join(tmpdir(), 'posrecon-doc-')), 'p.db');
  expect(posrecon(['import', '--db', db, ...samples]).code).toBe(0);
  return db;
}

describe('posrecon doctor', () => {
  it('passes a healthy database (exit 0)', () => {
    const db = freshDb();
    const r = posrecon(['doctor', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+integrity/);
    expect(r.stdout).toMatch(/ok\s+file counts\s+3 imported files hold exactly the rows recorded at import/);
  });

  it('finds rows missing from an imported file and orphaned rows (exit 1)', () => {
    const db = freshDb();
    const d = new Database(db);
    d.pragma('foreign_keys = OFF');
    d.prepare("DELETE FROM terminal_records WHERE id IN (SELECT id FROM terminal_records LIMIT 3)").run();
    d.prepare("DELETE FROM imported_files WHERE name = 'settlement_20260309.csv'").run();
    d.close();
    const r = posrecon(['doctor', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+file counts\s+journal\.csv \(#1\): recorded read 667 = 666 \+ 0 \+ 1, found 663 \+ 0 \+ 1/);
    expect(r.stdout).toMatch(/FAIL\s+orphans\s+\d+ settlement records without their file/);
  });

  it('refuses a database written by a newer posrecon', () => {
    const db = freshDb();
    const d = new Database(db);
    d.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x', 'now')").run();
    d.close();
    const r = posrecon(['doctor', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+migrations\s+migration 999 \(future\) unknown to this version/);
    expect(posrecon(['match', '--db', db]).code).toBe(2);
  });
});

describe('posrecon backup and restore', () => {
  it('backs up while another process imports, and restores the backup', async () => {
    const db = freshDb();
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-bk-'));
    const busy = runChild(['match', '--db', db]);
    const b = posrecon(['backup', '--db', db, '--out', join(dir, 'b.db')]);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('integrity checked');
    expect((await busy).code).toBe(0);
    expect(posrecon(['doctor', '--db', join(dir, 'b.db')]).code).toBe(0);

    const target = join(dir, 'restored.db');
    expect(posrecon(['restore', '--from', join(dir, 'b.db'), '--db', target]).code).toBe(0);
    expect(posrecon(['restore', '--from', join(dir, 'b.db'), '--db', target]).code).toBe(2);
    expect(posrecon(['restore', '--from', join(dir, 'b.db'), '--db', target, '--force']).code).toBe(0);
    const d = new Database(target, { readonly: true });
    expect(d.prepare('SELECT COUNT(*) FROM terminal_records').pluck().get()).toBe(666);
    d.close();
  });

  it('will not overwrite an existing file with a backup', () => {
    const db = freshDb();
    expect(posrecon(['backup', '--db', db, '--out', db]).code).toBe(2);
  });
});
