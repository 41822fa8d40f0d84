/**
 * Re-derives the truth from the generated files alone, following the category rules of the brief, and checks that
 * truth.json says exactly that: a truth file that disagrees with its own data would grade a correct reconciler wrong.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../src/domain/dates.js';
import { generateScenario } from '../../../src/generate/index.js';

type Row = Record<string, string>;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function parse(text: string): Row[] {
  const [head = '', ...lines] = text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  const split = (line: string): string[] =>
    [...line.matchAll(/(?:"((?:[^"]|"")*)"|([^,]*))(?:,|$)/g)].slice(0, -1).map((m) => m[1] ?? m[2] ?? '');
  const names = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [names[i] ?? `${i}`, v])));
}

const fen = (yuan = ''): number => Math.round(Number(yuan.replace(/,/g, '')) * 100);
const secs = (hms = ''): number => hms.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);

async function load(opts: { seed: number; days: number; terminals: number; perDay: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'posrecon-truth-'));
  dirs.push(dir);
  await generateScenario({ ...opts, outDir: dir });
  const journal = parse(await readFile(join(dir, 'journal.csv'), 'utf8'));
  const files = (await readdir(dir)).filter((n) => n.startsWith('settlement_')).sort();
  const settlement = (await Promise.all(files.map(async (n) => parse(await readFile(join(dir, n), 'utf8'))))).flat();
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { cases: Row[] };
  return { journal, settlement, truth: truth.cases };
}

function derive(journal: Row[], settlement: Row[], lastDate: IsoDate): string[] {
  const key = (r: Row, withBatch: boolean): string =>
    [r['终端号'], withBatch ? r['批次号'] : '', r['凭证号'], r['交易日期']].join('|');
  const byKey = new Map<string, Row>();
  for (const s of settlement) byKey.set(key(s, s['批次号'] !== ''), s);
  const matched = new Set<Row>();
  const lineOf = (j: Row): Row | undefined => {
    const s = byKey.get(key(j, true)) ?? byKey.get(key(j, false));
    if (s && s['交易类型'] === j['交易类型']) matched.add(s);
    return s;
  };
  const cases: string[] = [];
  const add = (category: string, r: Row): number => cases.push(`${category}|${r['终端号']}|${r['凭证号']}`);
  const approved = journal.filter((j) => j['应答码'] === '00');
  for (const j of journal) {
    const s = lineOf(j);
    const settleDate = secs(j['交易时间']) >= 23 * 3600 ? addDays(j['交易日期'] as IsoDate, 1) : j['交易日期'];
    if (j['交易状态'] === '成功' && j['交易类型'] === '消费') {
      const voided = approved.find((v) => v['交易类型'] === '消费撤销' && v['原参考号'] === j['参考号']);
      if ((settleDate ?? '') > lastDate) add('pending_settlement', j);
      else if (!s && !(voided && !lineOf(voided))) add('missing_in_settlement', j);
      else if (s && fen(s['交易金额']) !== fen(j['交易金额'])) add('amount_mismatch', j);
    } else if (j['交易状态'] === '成功' && j['交易类型'] === '消费撤销') {
      const sale = approved.find((x) => x['参考号'] === j['原参考号']);
      if (!s && sale && lineOf(sale)) add('void_not_honored', j);
    } else if (j['交易状态'] === '成功') {
      if (!s) add('missing_in_settlement', j);
    } else if (s && (j['交易状态'] === '超时' || j['交易状态'] === '冲正失败')) {
      const reswiped = approved.some(
        (x) =>
          x['终端号'] === j['终端号'] && x['卡号'] === j['卡号'] && fen(x['交易金额']) === fen(j['交易金额']) &&
          x['交易日期'] === j['交易日期'] && secs(x['交易时间']) - secs(j['交易时间']) >= 60 &&
          secs(x['交易时间']) - secs(j['交易时间']) <= 8 * 60,
      );
      add(reswiped ? 'duplicate_charge' : 'timeout_but_settled', j);
    } else if (s) {
      add('settled_but_declined_or_reversed', j);
    }
  }
  const journalDays = new Set(journal.map((j) => `${j['终端号']}|${j['交易日期']}`));
  for (const s of settlement) {
    if (matched.has(s)) continue;
    add(journalDays.has(`${s['终端号']}|${s['交易日期']}`) ? 'missing_on_terminal' : 'journal_not_imported', s);
  }
  return cases.sort();
}

describe.each([
  { seed: 7, days: 2, terminals: 3, perDay: 50 },
  { seed: 8, days: 1, terminals: 1, perDay: 5 },
  { seed: 9, days: 4, terminals: 5, perDay: 300 },
])('truth of $days days × $terminals terminals × $perDay', (opts) => {
  it('is exactly what the files show', async () => {
    const { journal, settlement, truth } = await load(opts);
    const lastDate = addDays('2026-03-08' as IsoDate, opts.days - 1);
    const expected = derive(journal, settlement, lastDate);
    expect(truth.map((c) => `${c['category']}|${c['terminal_id']}|${c['trace_no']}`).sort()).toEqual(expected);
  });

  it('contains the traps a careless reconciler would report', async () => {
    const { journal, settlement } = await load(opts);
    const count = (rows: Row[], pred: (r: Row) => boolean): number => rows.filter(pred).length;
    expect(count(journal, (j) => j['交易状态'] === '失败' && j['参考号'] === '' && j['应答码'] !== '')).toBeGreaterThanOrEqual(2);
    expect(count(journal, (j) => j['交易状态'] === '已冲正')).toBeGreaterThanOrEqual(2);
    expect(count(journal, (j) => j['交易类型'] === '退货' && j['原参考号'] !== '' && j['原交易日期'] !== '')).toBeGreaterThanOrEqual(2);
    expect(count(settlement, (s) => s['交易类型'] === '退货' && s['结算金额']?.startsWith('-') === true)).toBeGreaterThanOrEqual(2);
    expect(count(settlement, (s) => s['交易类型'] === '消费撤销')).toBeGreaterThanOrEqual(2);
    expect(count(settlement, (s) => s['参考号'] === '' && s['批次号'] !== '')).toBeGreaterThanOrEqual(2);
    expect(count(settlement, (s) => s['参考号'] === '' && s['批次号'] === '')).toBeGreaterThanOrEqual(2);
    const spilled = count(settlement, (s) => s['清算日期'] !== s['交易日期']);
    expect(spilled).toBeGreaterThanOrEqual(opts.days > 1 ? 2 : 0);
    const repeats = journal.filter((a, i) =>
      journal.some((b, k) => k > i && b['应答码'] === '00' && a['应答码'] === '00' && a['卡号'] === b['卡号'] &&
        a['交易类型'] === '消费' && b['交易类型'] === '消费' && fen(a['交易金额']) === fen(b['交易金额'])),
    );
    expect(repeats.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps each terminal sorted by time with traces that only move forward', async () => {
    const { journal } = await load(opts);
    for (const tid of new Set(journal.map((j) => j['终端号']))) {
      const rows = journal.filter((j) => j['终端号'] === tid);
      const stamps = rows.map((j) => `${j['交易日期']} ${j['交易时间']}`);
      expect(stamps).toEqual([...stamps].sort());
      for (let i = 1; i < rows.length; i++) {
        const step = (Number(rows[i]?.['凭证号']) - Number(rows[i - 1]?.['凭证号']) + 999_999) % 999_999;
        expect(step).toBeGreaterThanOrEqual(1);
        expect(step).toBeLessThan(50);
      }
    }
  });
});
