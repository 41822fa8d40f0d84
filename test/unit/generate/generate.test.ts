import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATCH_CATEGORIES } from '../../../src/domain/categories.js';
import { luhnValid } from '../../../src/domain/pan.js';
import { generateScenario, type GenerateOptions } from '../../../src/generate/index.js';

const dirs: string[] = [];
async function run(opts: Omit<GenerateOptions, 'outDir'>): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'posrecon-gen-'));
  dirs.push(outDir);
  await generateScenario({ ...opts, outDir });
  return outDir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

/** Enough CSV for these files: quoted cells hold only commas. */
function cells(line: string): string[] {
  return [...line.matchAll(/(?:"((?:[^"]|"")*)"|([^,]*))(?:,|$)/g)]
    .slice(0, -1)
    .map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
}

interface Truth {
  cases: { category: string; terminal_id: string; trace_no: string; note: string }[];
}

const SMALL = { seed: 42, days: 2, terminals: 3, perDay: 50 } as const;

describe('generateScenario', () => {
  let dir = '';
  let journal: string[][] = [];
  let truth: Truth = { cases: [] };
  beforeAll(async () => {
    dir = await run(SMALL);
    journal = (await readFile(join(dir, 'journal.csv'), 'utf8')).split('\r\n').slice(1, -1).map(cells);
    truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as Truth;
  });

  it('gives byte-identical files for the same options, and different files for another seed', async () => {
    const again = await snapshot(await run(SMALL));
    const first = await snapshot(dir);
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(again.get(name)?.equals(bytes), name).toBe(true);
    const other = await snapshot(await run({ ...SMALL, seed: 43 }));
    expect(other.get('journal.csv')?.equals(first.get('journal.csv') ?? Buffer.alloc(0))).toBe(false);
    expect(other.get('truth.json')?.equals(first.get('truth.json') ?? Buffer.alloc(0))).toBe(false);
  });

  it.each([1, 42, 2026, 9_007_199_254_740_991])('puts every category in the truth at least twice (seed %i)', async (seed) => {
    const d = seed === SMALL.seed ? dir : await run({ ...SMALL, seed });
    const t = JSON.parse(await readFile(join(d, 'truth.json'), 'utf8')) as Truth;
    for (const category of MATCH_CATEGORIES) {
      expect(t.cases.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists each truth case once, sorted by category, terminal and trace', () => {
    const keys = truth.cases.map((c) => `${c.category}|${c.terminal_id}|${c.trace_no}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());
  });

  it('writes the journal with a BOM, CRLF and the exact header', async () => {
    const bytes = await readFile(join(dir, 'journal.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      '商户号,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额,交易日期,交易时间,应答码,交易状态,原凭证号,原参考号,原交易日期,操作员',
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(journal.every((row) => row.length === 17)).toBe(true);
  });

  it('never puts the unimported terminal in the journal', () => {
    const extra = String(10_012_345 + SMALL.terminals);
    expect(truth.cases.some((c) => c.terminal_id === extra && c.category === 'journal_not_imported')).toBe(true);
    expect(new Set(journal.map((row) => row[1]))).toEqual(new Set(['10012345', '10012346', '10012347']));
  });

  it('writes full Luhn-valid PANs in the journal and none in settlement files', async () => {
    for (const row of journal) {
      const pan = row[6] ?? '';
      expect(pan).toMatch(/^(\d{16}|\d{19})$/);
      expect(luhnValid(pan), pan).toBe(true);
    }
    for (const name of (await readdir(dir)).filter((n) => n.startsWith('settlement_'))) {
      expect(await readFile(join(dir, name), 'utf8')).not.toMatch(/\d{16,19}/);
    }
  });

  it('wraps the trace numbers of one terminal past 999999', () => {
    const wrapped = [...new Set(journal.map((row) => row[1]))].filter((tid) => {
      const traces = journal.filter((row) => row[1] === tid).map((row) => Number(row[3]));
      return traces.some((t) => t >= 999_990) && traces.some((t) => t < 100);
    });
    expect(wrapped.length).toBeGreaterThanOrEqual(1);
  });

  it('writes one settlement file per day and none for the day after', async () => {
    const names = (await readdir(dir)).filter((n) => n.startsWith('settlement_')).sort();
    expect(names).toEqual(['settlement_20260308.csv', 'settlement_20260309.csv']);
    const five = await run({ ...SMALL, days: 5, startDate: '2026-02-27' });
    expect((await readdir(five)).filter((n) => n.startsWith('settlement_')).sort()).toEqual([
      'settlement_20260227.csv',
      'settlement_20260228.csv',
      'settlement_20260301.csv',
      'settlement_20260302.csv',
      'settlement_20260303.csv',
    ]);
  });

  it('encodes settlement files as GBK without a BOM when asked', async () => {
    const gbk = await run({ ...SMALL, settlementEncoding: 'gbk' });
    const bytes = await readFile(join(gbk, 'settlement_20260308.csv'));
    expect(bytes[0]).not.toBe(0xef);
    const utf8 = await readFile(join(dir, 'settlement_20260308.csv'), 'utf8');
    expect(iconv.decode(bytes, 'gbk')).toBe(utf8);
  });

  it('refuses a directory holding settlement files of a longer scenario, but reruns in place', async () => {
    const five = await run({ ...SMALL, days: 5 });
    await expect(generateScenario({ ...SMALL, outDir: five })).rejects.toThrow(/settlement_20260310\.csv/);
    const before = await snapshot(five);
    await generateScenario({ ...SMALL, days: 5, outDir: five });
    expect(await snapshot(five)).toEqual(before);
  });

  it('rejects options it cannot honour', async () => {
    await expect(generateScenario({ ...SMALL, outDir: tmpdir(), days: 0 })).rejects.toThrow(/days 0/);
    await expect(generateScenario({ ...SMALL, outDir: tmpdir(), startDate: '2026-02-30' })).rejects.toThrow(/--start "2026-02-30" is not a date/);
  });
});
