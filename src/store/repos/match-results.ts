import type { Db } from '../open.js';
import type { FeeCaseDraft, FeeSummary } from '../../match/fees.js';
import type { CaseDraft, MatchPair } from '../../match/types.js';
import { ACTIONS } from '../../domain/categories.js';

export interface MatchRunRow {
  id: number;
  started_at: string;
  finished_at: string;
  cutoff: string;
  matched: number;
  cases: number;
  /** JSON FeeSummary of the run's fee check. */
  fee_summary: string | null;
}

/**
 * Replaces the previous results with a new run in one transaction: a run that fails or is killed
 * leaves the previous results whole. Earlier runs stay in match_runs as history.
 */
export function saveMatchRun(
  db: Db,
  run: { startedAt: string; finishedAt: string; cutoff: string; feeSummary?: FeeSummary },
  pairs: readonly MatchPair[],
  cases: ReadonlyArray<CaseDraft | FeeCaseDraft>,
): number {
  const insertRun = db.prepare(
    'INSERT INTO match_runs (started_at, finished_at, cutoff, matched, cases, fee_summary) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertMatch = db.prepare(
    'INSERT INTO matches (run_id, terminal_id, settlement_id, pass, signals) VALUES (?, ?, ?, ?, ?)',
  );
  const insertCase = db.prepare(`INSERT INTO cases (id, run_id, category, merchant_id, terminal_id, trace_no, batch_no, rrn,
    amount_fen, txn_date, txn_time, settle_date, terminal_record_id, settlement_record_id, related_record_ids,
    related_case_ids, reason, action, fee_expected_fen, fee_actual_fen) VALUES (@id, @run_id, @category, @merchant_id,
    @terminal_id, @trace_no, @batch_no, @rrn, @amount_fen, @txn_date, @txn_time, @settle_date, @terminal_record_id,
    @settlement_record_id, @related_record_ids, @related_case_ids, @reason, @action, @fee_expected_fen, @fee_actual_fen)`);
  return db.transaction(() => {
    db.exec('DELETE FROM matches; DELETE FROM cases;');
    const runId = Number(insertRun.run(run.startedAt, run.finishedAt, run.cutoff, pairs.length, cases.length, run.feeSummary ? JSON.stringify(run.feeSummary) : null)
        .lastInsertRowid);
    for (const p of pairs) insertMatch.run(runId, p.terminal.id, p.settlement.id, p.pass, JSON.stringify(p.signals));
    for (const c of cases) {
      const fee = 'fee' in c ? c.fee : null;
      // A fee case is about the settlement line: its amount is the amount the fee was charged on.
      const anchor = (fee ? c.settlement : null) ?? c.terminal ?? c.settlement;
      if (!anchor) throw new Error(`case ${c.id} has no record`);
      insertCase.run({
        id: c.id,
        run_id: runId,
        category: c.category,
        merchant_id: anchor.merchantId,
        terminal_id: anchor.terminalId,
        trace_no: anchor.traceNo,
        batch_no: anchor.batchNo,
        rrn: anchor.rrn ?? c.settlement?.rrn ?? null,
        amount_fen: anchor.amountFen,
        txn_date: anchor.txnDate,
        txn_time: anchor.txnTime,
        settle_date: c.settleDate,
        terminal_record_id: c.terminal?.id ?? null,
        settlement_record_id: c.settlement?.id ?? null,
        related_record_ids: JSON.stringify(c.related),
        related_case_ids: JSON.stringify(c.relatedCaseIds),
        reason: c.reason,
        action: ACTIONS[c.category],
        fee_expected_fen: fee?.expectedFen ?? null,
        fee_actual_fen: fee?.actualFen ?? null,
      });
    }
    return runId;
  })();
}

export function latestRun(db: Db): MatchRunRow | undefined {
  return db.prepare('SELECT * FROM match_runs ORDER BY id DESC LIMIT 1').get() as MatchRunRow | undefined;
}
