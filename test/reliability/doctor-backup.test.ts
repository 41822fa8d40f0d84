import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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

/**
 * Regression: restore took an empty file ("restored 0 pages") or another program's SQLite file in place of the
 * books with exit 0, and a text file ended in an internal error; the README promises the backup is checked first.
 */
describe('restore refuses what is not a posrecon backup, before touching the database', () => {
  const terminalRows = (path: string): unknown => {
    const d = new Database(path, { readonly: true });
    try {
      return d.prepare('SELECT COUNT(*) FROM terminal_records').pluck().get();
    } finally {
      d.close();
    }
  };
  const cases: Array<[string, (path: string) => void, RegExp]> = [
    ['an empty file', (p) => writeFileSync(p, ''), /expected a SQLite database, found an empty file/],
    ['a text file', (p) => writeFileSync(p, 'txn_date,amount\n2026-03-08,1.00\n'), /does not start with "SQLite format 3"/],
    ['another program\'s SQLite file', (p) => new Database(p).exec('CREATE TABLE x(a)').close(), /found a SQLite database without it/],
    [
      'a backup from a newer posrecon',
      (p) => {
        expect(posrecon(['import', '--db', p, samples[0] ?? '']).code).toBe(0);
        new Database(p).prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x', 'now')").run();
      },
      /migration 999 \(future\), which this version of posrecon does not know/,
    ],
  ];
  it.each(cases)('%s (exit 2, with --force)', (_name, make, why) => {
    const db = freshDb();
    const bad = join(mkdtempSync(join(tmpdir(), 'posrecon-bad-')), 'bad.db');
    make(bad);
    const r = posrecon(['restore', '--from', bad, '--db', db, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} is not a posrecon backup`);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toContain('internal error');
    expect(terminalRows(db)).toBe(666);
  });
});

/** Regression: a missing or unwritable folder was an internal error (exit 3) with a stack trace. */
describe('backup and restore into a folder that cannot take the file', () => {
  it('exit 2 naming the path; nothing is created', () => {
    const db = freshDb();
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-nodir-'));
    const backup = join(dir, 'b.db');
    expect(posrecon(['backup', '--db', db, '--out', backup]).code).toBe(0);
    const before = readdirSync(dir);
    const runs = [
      [['backup', '--db', db, '--out', join(dir, 'nod', 'b.db')], `--out ${join(dir, 'nod', 'b.db')}: the folder ${join(dir, 'nod')} does not exist`],
      [['restore', '--from', backup, '--db', join(dir, 'nod2', 't.db')], `--db ${join(dir, 'nod2', 't.db')}: the folder ${join(dir, 'nod2')} does not exist`],
      // /proc takes no new files, for root too: the read-only folder no test can make with chmod when run as root.
      [['backup', '--db', db, '--out', '/proc/posrecon-b.db'], '--out /proc/posrecon-b.db: cannot write it'],
      [['backup', '--db', join(dir, 'typo.db'), '--out', join(dir, 'c.db')], `${join(dir, 'typo.db')}: no such database`],
    ] as const;
    for (const [args, message] of runs) {
      const r = posrecon(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('internal error');
    }
    expect(readdirSync(dir)).toEqual(before);
  });
});
