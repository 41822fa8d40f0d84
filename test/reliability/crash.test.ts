import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generate/index.js';
import { LONG, runChild } from '../helpers/child.js';

/**
 * Kills posrecon with SIGKILL part-way through an import and a match, then checks that the database is
 * intact, holds all or none of the file, and that the work completes when run again.
 */
const dir = mkdtempSync(join(tmpdir(), 'posrecon-crash-'));
const journal = join(dir, 'journal.csv');
let fullImportMs = 0;
let journalRows = 0;
const FRACTIONS = LONG ? Array.from({ length: 20 }, (_, i) => 0.05 + i * 0.05) : [0.3, 0.6, 0.85];

function inspect(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return {
      integrity: d.pragma('integrity_check', { simple: true }) as string,
      files: d.prepare('SELECT COUNT(*) FROM imported_files').pluck().get() as number,
      records: d.prepare('SELECT COUNT(*) FROM terminal_records').pluck().get() as number,
      runs: d.prepare('SELECT COUNT(*) FROM match_runs').pluck().get() as number,
      cases: d.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number,
      matches: d.prepare('SELECT COUNT(*) FROM matches').pluck().get() as number,
    };
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  await generateScenario({ outDir: dir, seed: 11, days: 2, terminals: 3, perDay: 20000 });
  const ref = join(dir, 'ref.db');
  const r = await runChild(['import', '--db', ref, '--side', 'terminal', journal]);
  expect(r.code).toBe(0);
  fullImportMs = r.ms;
  journalRows = inspect(ref).records;
  expect(journalRows).toBeGreaterThan(100_000);
}, 120_000);

describe('a killed import', () => {
  it.each(FRACTIONS)('killed at %f of its run time leaves all or none of the file, and imports again', async (fraction) => {
    const db = join(dir, `import-${fraction}.db`);
    const killed = await runChild(['import', '--db', db, '--side', 'terminal', journal], { killAfterMs: Math.round(fullImportMs * fraction) });
    // Near the end the import may win the race and finish: then it must have finished properly.
    if (killed.signal !== 'SIGKILL') expect(killed.code).toBe(0);
    const after = inspect(db);
    expect(after.integrity).toBe('ok');
    expect([0, journalRows]).toContain(after.records);
    expect(after.files).toBe(after.records === 0 ? 0 : 1);
    const again = await runChild(['import', '--db', db, '--side', 'terminal', journal]);
    expect(again.code).toBe(0);
    expect(inspect(db).records).toBe(journalRows);
    expect(again.stdout).toMatch(after.files === 0 ? /read \d+ = imported \d+ \+ rejected 0 \+ skipped 1/ : /already imported/);
  }, 120_000);
});

describe('a killed match', () => {
  it('leaves the previous results whole, and matches again', async () => {
    const db = join(dir, 'match.db');
    copyFileSync(join(dir, 'ref.db'), db);
    const settle = [join(dir, 'settlement_20260308.csv'), join(dir, 'settlement_20260309.csv')];
    expect((await runChild(['import', '--db', db, '--side', 'settlement', ...settle])).code).toBe(0);
    const first = await runChild(['match', '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const before = inspect(db);
    for (const fraction of FRACTIONS) {
      const killed = await runChild(['match', '--db', db], { killAfterMs: Math.round(first.ms * fraction) });
      const after = inspect(db);
      expect(after.integrity).toBe('ok');
      // Either the new run committed whole (same data, same results) or nothing of it did.
      expect(after.cases).toBe(before.cases);
      expect(after.matches).toBe(before.matches);
      expect([before.runs, before.runs + 1]).toContain(after.runs);
      if (killed.signal !== 'SIGKILL') expect(killed.code).toBe(0);
    }
    expect((await runChild(['match', '--db', db])).code).toBe(0);
  }, 300_000);
});
