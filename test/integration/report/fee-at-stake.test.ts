import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/app/write-report.js';
import { openReport } from '../../../src/report/build-model.js';
import type { ReportBreakdown, ReportCase } from '../../../src/report/model.js';
import { openStore } from '../../../src/store/open.js';
import { feesRepo, type NewRateRule } from '../../../src/store/repos/fees.js';
import { fixedContext, runScenario } from '../../helpers/store.js';
import { readWorkbook } from '../../helpers/xlsx.js';

const SAMPLES = join(import.meta.dirname, '../../../samples');
const MERCHANT = '898310154110001';

const rule = (r: Pick<NewRateRule, 'cardType' | 'ratePpm'> & Partial<NewRateRule>): NewRateRule => ({
  merchantId: MERCHANT,
  terminalId: null,
  channel: null,
  capFen: null,
  minFen: null,
  validFrom: '2026-01-01',
  ...r,
});

/** What a case puts at stake, worked out here from the report's own case fields (an amount_mismatch: the difference). */
const stakeOf = (c: ReportCase): number => {
  if (c.fee) return Math.abs(c.fee.diff_fen);
  if (c.category === 'amount_mismatch') return Math.abs(Number(c.settlement_record?.['amount_fen']) - c.amount_fen);
  return c.amount_fen;
};

function sumsBy(cases: readonly ReportCase[], key: (c: ReportCase) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cases) if (c.category !== 'pending_settlement' && c.category !== 'journal_not_imported') out.set(key(c), (out.get(key(c)) ?? 0) + stakeOf(c));
  return out;
}

const discrepancies = (rows: readonly ReportBreakdown[]): Map<string, number> => new Map(rows.map((r) => [r.key, r.discrepancies.amount_fen]));

/**
 * Regression: with the credit rate set at 0.59% where the samples charge 0.60%, the summary counted 276 fee cases
 * at 711,720.16 (the sales they were charged on) while the acquirer overcharged 71.26. A fee case puts at stake
 * the fee charged minus the contracted fee, and every total must count it at that; the case keeps its sale amount.
 */
describe('fee cases count at the overcharge in every total (bundled samples, credit 0.59%)', () => {
  async function prepare(): Promise<{ dir: string; dbPath: string; over: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-stake-'));
    const dbPath = join(dir, 'stake.db');
    const db = openStore(dbPath);
    feesRepo(db).upsert(rule({ cardType: 'credit', ratePpm: 5900 }), '2026-03-10T08:00:00.000Z');
    feesRepo(db).upsert(rule({ cardType: 'debit', ratePpm: 5000, capFen: 2000 }), '2026-03-10T08:00:00.000Z');
    const { match } = await runScenario(SAMPLES, db);
    db.close();
    expect(match.fees.overcharged).toEqual({ count: 276, amountFen: 7126 });
    expect(match.fees.undercharged.count).toBe(0);
    expect(match.byCategory.fee_mismatch).toEqual({ count: 276, amountFen: 7126 });
    return { dir, dbPath, over: 7126 };
  }

  it('in the JSON summary, per terminal and per day; cases keep their transaction amount', async () => {
    const { dbPath, over } = await prepare();
    const db = openStore(dbPath);
    const report = openReport(db, { database: dbPath, now: fixedContext.now() });
    const cases: ReportCase[] = [];
    for await (const c of report.cases()) cases.push(c);
    db.close();

    expect(report.head.summary.fee_mismatch).toEqual({ count: 276, amount_fen: over });
    const fees = cases.filter((c) => c.category === 'fee_mismatch');
    expect(fees).toHaveLength(276);
    for (const c of fees) expect(c.amount_fen).toBe(c.settlement_record?.['amount_fen']);
    expect(fees.reduce((n, c) => n + c.amount_fen, 0)).toBe(71_172_016);

    const feeByTerminal = report.head.summary_by_terminal.reduce((n, r) => n + (r.by_category.fee_mismatch?.amount_fen ?? 0), 0);
    const feeByDay = report.head.summary_by_day.reduce((n, r) => n + (r.by_category.fee_mismatch?.amount_fen ?? 0), 0);
    expect([feeByTerminal, feeByDay]).toEqual([over, over]);
    expect(discrepancies(report.head.summary_by_terminal)).toEqual(sumsBy(cases, (c) => c.terminal_id));
    expect(discrepancies(report.head.summary_by_day)).toEqual(sumsBy(cases, (c) => c.txn_time.slice(0, 10)));
  });

  it('on the Summary sheet, under a column saying the amount is what is at stake', async () => {
    const { dir, dbPath } = await prepare();
    const path = join(dir, 'report.xlsx');
    await writeReport(dbPath, { format: 'xlsx', outPath: path }, fixedContext);
    const ws = (await readWorkbook(path)).getWorksheet('Summary');
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.find((r) => r[0] === '类别 Category') ?? [];
    const fee = rows.find((r) => r[0] === 'fee_mismatch') ?? [];
    expect(header[3]).toMatch(/at stake/i);
    expect(fee[3]).toBe(71.26);
  });
});
