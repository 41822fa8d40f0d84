import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReport } from '../../../src/report/build-model.js';
import type { ReportCase } from '../../../src/report/model.js';
import { fixedContext, runScenario } from '../../helpers/store.js';

const EVERY_CATEGORY = join(import.meta.dirname, '../../fixtures/match/every-category');

/**
 * Regression: an amount_mismatch counted at its whole transaction amount in every at-stake total, so trace 114 of
 * the every-category fixture (approved 900.00, settled 850.00) put 900.00 at stake where 50.00 is short. It counts
 * at |settled − approved| in the match run's totals (console) and in the report's summaries; the case itself keeps
 * the transaction's amount.
 */
describe('amount_mismatch cases count at the difference in every total', () => {
  it('in the match run totals and in the report summary, per terminal and per day', async () => {
    const { db, match } = await runScenario(EVERY_CATEGORY);
    expect(match.byCategory.amount_mismatch).toEqual({ count: 1, amountFen: 5000 });

    const report = openReport(db, { database: ':memory:', now: fixedContext.now() });
    const cases: ReportCase[] = [];
    for await (const c of report.cases()) cases.push(c);
    const mismatch = cases.filter((c) => c.category === 'amount_mismatch');
    expect(mismatch.map((c) => [c.trace_no, c.amount_fen, c.settlement_record?.['amount_fen']])).toEqual([['000114', 90000, 85000]]);

    expect(report.head.summary.amount_mismatch).toEqual({ count: 1, amount_fen: 5000 });
    const byTerminal = report.head.summary_by_terminal.find((r) => r.key === '10012345');
    const byDay = report.head.summary_by_day.find((r) => r.key === '2026-03-08');
    expect(byTerminal?.by_category.amount_mismatch).toEqual({ count: 1, amount_fen: 5000 });
    expect(byDay?.by_category.amount_mismatch).toEqual({ count: 1, amount_fen: 5000 });
    // The discrepancy totals add the same stakes the categories do.
    const stakes = (r: typeof byTerminal): number =>
      Object.entries(r?.by_category ?? {})
        .filter(([c]) => c !== 'pending_settlement' && c !== 'journal_not_imported')
        .reduce((n, [, v]) => n + v.amount_fen, 0);
    expect(byTerminal?.discrepancies.amount_fen).toBe(stakes(byTerminal));
    expect(byDay?.discrepancies.amount_fen).toBe(stakes(byDay));
  });
});
