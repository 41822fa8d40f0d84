import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generate/index.js';
import type { FeeCaseDraft } from '../../src/match/fees.js';
import { feesRepo } from '../../src/store/repos/fees.js';
import { matchCollecting, memoryStore, runScenario, type CollectedMatch } from '../helpers/store.js';
import { rateRuleOf } from '../helpers/rates.js';

const MERCHANT = '898310154110001';
const AT = '2026-03-10T08:00:00.000Z';

interface Line {
  key: string;
  day: string;
  type: string;
  cardType: string;
  amountFen: number;
  feeFen: number;
}

const fen = (yuan: string): number => Math.round(Number(yuan) * 100);

/** The settlement lines as the files print them, read without any posrecon code. */
function settlementLines(dir: string): Line[] {
  const lines: Line[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith('settlement_')).sort()) {
    const [header, ...rows] = readFileSync(join(dir, f), 'utf8').trim().split('\n');
    const cols = (header ?? '').split(',');
    const at = (name: string): number => cols.indexOf(name);
    for (const row of rows) {
      const c = row.split(',');
      lines.push({
        key: `${c[at('终端号')]} ${c[at('凭证号')]}`,
        day: c[at('交易日期')] ?? '',
        type: c[at('交易类型')] ?? '',
        cardType: c[at('卡类别')] ?? '',
        amountFen: fen(c[at('交易金额')] ?? ''),
        feeFen: fen(c[at('手续费')] ?? ''),
      });
    }
  }
  return lines;
}

const rule = rateRuleOf(MERCHANT);

function feeCases(cases: CollectedMatch['cases']): FeeCaseDraft[] {
  return cases.filter((c): c is FeeCaseDraft => c.category === 'fee_mismatch');
}

/**
 * The generator charges credit 0.6% and debit 0.5% capped at 20.00 (src/generate/rows.ts). A rate card whose debit
 * cap is 18.00 must flag exactly the debit sales whose 0.5% exceeds 18.01, each overcharged by what the file
 * charged above 18.00; the expected set is computed here from the CSV text, with integer arithmetic of its own.
 */
describe('fee check on a generated scenario', () => {
  it('a debit cap of 18.00 flags exactly the debit sales charged more than that', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-fees-'));
    await generateScenario({ outDir: dir, seed: 7, days: 2, terminals: 3, perDay: 150 });
    const db = memoryStore();
    const fees = feesRepo(db);
    fees.upsert(rule({ cardType: 'credit', ratePpm: 6000 }), AT);
    fees.upsert(rule({ cardType: 'debit', ratePpm: 5000, capFen: 1800 }), AT);
    const { match } = await runScenario(dir, db);

    const sales = settlementLines(dir).filter((l) => l.type === '消费');
    const expected = sales
      .filter((l) => l.cardType === '借记卡')
      .map((l) => ({ ...l, expectedFen: Math.min(1800, Math.floor((l.amountFen * 5 + 500) / 1000)) }))
      .filter((l) => Math.abs(l.feeFen - l.expectedFen) > 1);
    expect(expected.length).toBeGreaterThan(5);

    const found = feeCases(match.cases);
    expect(found.map((c) => `${c.settlement?.terminalId} ${c.settlement?.traceNo}`).sort()).toEqual(expected.map((l) => l.key).sort());
    for (const c of found) {
      const l = expected.find((x) => x.key === `${c.settlement?.terminalId} ${c.settlement?.traceNo}`);
      expect(c.fee.expectedFen).toBe(1800);
      expect(c.fee.actualFen).toBe(l?.feeFen);
      expect(c.reason).toContain('expected 18.00: round-half-up(');
      expect(c.reason).toContain('× 0.5%)');
      expect(c.reason).toContain('capped at 18.00');
      expect(c.reason).toMatch(/Overcharged by \d+\.\d\d/);
      expect(c.id).not.toBe(match.cases.find((o) => o !== c && o.settlement?.id === c.settlement?.id)?.id);
    }
    const over = expected.reduce((n, l) => n + (l.feeFen - l.expectedFen), 0);
    expect(match.fees.overcharged).toEqual({ count: expected.length, amountFen: over });
    expect(match.fees.undercharged).toEqual({ count: 0, amountFen: 0 });
    expect(match.fees.checked).toBe(sales.length);
    expect(match.fees.creditLines).toBe(settlementLines(dir).length - sales.length);

    // The other cases are those of the scenario's truth, untouched by the fee check.
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { cases: unknown[] };
    expect(match.cases.length - found.length).toBe(truth.cases.length);
  });

  it('a rate raised from the second day flags that day\'s credit sales as undercharged, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-fees-'));
    await generateScenario({ outDir: dir, seed: 11, days: 2, terminals: 2, perDay: 60 });
    const db = memoryStore();
    const fees = feesRepo(db);
    fees.upsert(rule({ cardType: 'debit', ratePpm: 5000, capFen: 2000 }), AT);
    fees.upsert(rule({ cardType: 'credit', ratePpm: 6000 }), AT);
    fees.upsert(rule({ cardType: 'credit', ratePpm: 6500, validFrom: '2026-03-09' }), AT);
    const { match } = await runScenario(dir, db);

    const expected = settlementLines(dir)
      .filter((l) => l.type === '消费' && l.cardType === '贷记卡' && l.day >= '2026-03-09')
      .filter((l) => Math.abs(l.feeFen - Math.floor((l.amountFen * 65 + 5000) / 10000)) > 1);
    expect(expected.length).toBeGreaterThan(5);
    const found = feeCases(match.cases);
    expect(found.map((c) => `${c.settlement?.terminalId} ${c.settlement?.traceNo}`).sort()).toEqual(expected.map((l) => l.key).sort());
    expect(found.every((c) => c.fee.actualFen < c.fee.expectedFen && c.reason.includes('Undercharged by'))).toBe(true);
    expect(match.fees.overcharged.count).toBe(0);
    expect(match.fees.undercharged.count).toBe(expected.length);
  });

  it('gives fee cases stable ids across re-matching, distinct from the record\'s other case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-fees-'));
    await generateScenario({ outDir: dir, seed: 3, days: 1, terminals: 2, perDay: 40 });
    const db = memoryStore();
    // A 0.7% credit rate: every credit line is undercharged, including those that are also another case.
    feesRepo(db).upsert(rule({ cardType: 'credit', ratePpm: 7000 }), AT);
    const { match } = await runScenario(dir, db);
    const again = matchCollecting(db);
    expect(feeCases(again.cases).map((c) => c.id)).toEqual(feeCases(match.cases).map((c) => c.id));
    const ids = match.cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const doubled = feeCases(match.cases).filter((f) => f.relatedCaseIds.length > 0);
    expect(doubled.length).toBeGreaterThan(0);
    for (const f of doubled) {
      for (const other of f.relatedCaseIds) expect(match.cases.find((c) => c.id === other)?.relatedCaseIds).toContain(f.id);
    }
  });
});
