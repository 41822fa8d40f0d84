import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generate/index.js';
import { runChild } from '../helpers/child.js';

/** Two posrecon processes on one database: each finishes correctly, or waits and then does. */
const dir = mkdtempSync(join(tmpdir(), 'posrecon-conc-'));
const file = (n: string) => join(dir, n);

beforeAll(async () => {
  await generateScenario({ outDir: dir, seed: 12, days: 2, terminals: 3, perDay: 8000 });
}, 120_000);

describe('concurrent use', () => {
  it('imports of different files, the same file twice, and a match, all at once', async () => {
    const db = file('shared.db');
    // The database exists before they start: match refuses one that does not exist yet, and it could start first.
    expect((await runChild(['merchants', 'set', 'M0', '--name', '示例', '--db', db])).code).toBe(0);
    const results = await Promise.all([
      runChild(['import', '--db', db, '--side', 'terminal', file('journal.csv')]),
      runChild(['import', '--db', db, '--side', 'settlement', file('settlement_20260308.csv')]),
      runChild(['import', '--db', db, '--side', 'settlement', file('settlement_20260308.csv')]),
      runChild(['import', '--db', db, '--side', 'settlement', file('settlement_20260309.csv')]),
      runChild(['match', '--db', db]),
    ]);
    for (const r of results) {
      expect(r.stderr).not.toMatch(/locked|busy|internal error/i);
      expect(r.code).toBe(0);
    }
    const twice = results.slice(1, 3).map((r) => r.stdout);
    expect(twice.filter((s) => /already imported/.test(s))).toHaveLength(1);
    const d = new Database(db, { readonly: true });
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.prepare('SELECT COUNT(*) FROM imported_files').pluck().get()).toBe(3);
    d.close();
    const again = await runChild(['match', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/matched \d+ pairs/);
  }, 180_000);

  /** Regression: two processes creating the same new database both ran migration 1 ("table already exists"). */
  it('several processes creating the same new database at once', async () => {
    for (let round = 0; round < 3; round++) {
      const db = file(`new-${round}.db`);
      // merchants set, as match refuses a database that does not exist: one that starts it, all at once.
      const results = await Promise.all(Array.from({ length: 6 }, () => runChild(['merchants', 'set', 'M1', '--name', '示例', '--db', db])));
      for (const r of results) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
    }
  }, 120_000);
});
