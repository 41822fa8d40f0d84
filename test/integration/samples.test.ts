import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { generateScenario } from '../../src/generate/index.js';
import { CUTOFF, caseKeys, fixedContext, matchCollecting, memoryStore, runScenario } from '../helpers/store.js';

const SAMPLES = join(import.meta.dirname, '../../samples');

interface Truth {
  seed: number;
  days: number;
  terminals: number;
  per_day: number;
  start_date: string;
  cases: Array<{ category: string; terminal_id: string; trace_no: string }>;
}

const readTruth = (): Truth => JSON.parse(readFileSync(join(SAMPLES, 'truth.json'), 'utf8')) as Truth;

describe('bundled samples', () => {
  it('are exactly what the generator writes for their seed (README: how they were made)', async () => {
    const truth = readTruth();
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-samples-'));
    await generateScenario({
      outDir: dir,
      seed: truth.seed,
      days: truth.days,
      terminals: truth.terminals,
      perDay: truth.per_day,
      startDate: truth.start_date,
      settlementEncoding: 'gbk',
    });
    for (const f of readdirSync(SAMPLES)) expect(readFileSync(join(dir, f)), f).toEqual(readFileSync(join(SAMPLES, f)));
  });

  it('hold at least two of every category and are classified exactly', async () => {
    const truth = readTruth();
    const { match } = await runScenario(SAMPLES);
    const expected = truth.cases
      .map((c) => `${c.category} ${c.terminal_id} ${c.trace_no}`)
      .sort();
    expect(caseKeys(match)).toEqual(expected);
    for (const [category, s] of Object.entries(match.byCategory)) expect(s?.count, category).toBeGreaterThanOrEqual(2);
    expect(Object.keys(match.byCategory)).toHaveLength(8);
  });

  it('give the same matches and case ids whatever order the files are imported in', async () => {
    const first = await runScenario(SAMPLES);
    const db = memoryStore();
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.csv')).reverse();
    for (const f of files) {
      const side = f.startsWith('journal') ? 'terminal' : 'settlement';
      await importFile(db, { path: join(SAMPLES, f), side, cutoff: CUTOFF }, fixedContext);
    }
    const second = matchCollecting(db);
    const ids = (m: typeof second) => m.cases.map((c) => `${c.id} ${c.category}`).sort();
    expect(ids(second)).toEqual(ids(first.match));
    expect(second.byPass).toEqual(first.match.byPass);
  });

  it('re-matching the same database gives the same case ids', async () => {
    const { db, match } = await runScenario(SAMPLES);
    const again = matchCollecting(db);
    expect(again.cases.map((c) => c.id)).toEqual(match.cases.map((c) => c.id));
    expect((db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n).toBe(match.cases.length);
  });
});
