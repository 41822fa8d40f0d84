import { batchedInsert, type Value } from '../batched-insert.js';
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

/** Rows per INSERT of matches: one statement per row was a sixth of a million-pair run (bench/NOTES.md). */
const PAIR_BATCH = 100;

/**
 * Writes a run as it goes, inside the caller's transaction: a run that fails or is killed leaves the previous
 * results whole. begin() clears the previous results; earlier runs stay in match_runs as history.
 */
export function matchRunWriter(db: Db) {
  const insertRun = db.prepare(
    'INSERT INTO match_runs (started_at, finished_at, cutoff, matched, cases, fee_summary) VALUES (?, ?, ?, 0, 0, NULL)',
  );
  const finishRun = db.prepare('UPDATE match_runs SET finished_at = ?, matched = ?, cases = ?, fee_summary = ? WHERE id = ?');
  const matches = batchedInsert(db, 'matches', ['run_id', 'terminal_id', 'settlement_id', 'pass', 'signals'], PAIR_BATCH);
  const insertCase = db.prepare(`INSERT INTO cases (id, run_id, category, merchant_id, terminal_id, trace_no, batch_no, rrn,
    amount_fen, txn_date, txn_time, settle_date, terminal_record_id, settlement_record_id, related_record_ids,
    related_case_ids, reason, action, fee_expected_fen, fee_actual_fen) VALUES (@id, @run_id, @category, @merchant_id,
    @terminal_id, @trace_no, @batch_no, @rrn, @amount_fen, @txn_date, @txn_time, @settle_date, @terminal_record_id,
    @settlement_record_id, @related_record_ids, @related_case_ids, @reason, @action, @fee_expected_fen, @fee_actual_fen)`);
  return {
    begin(run: { startedAt: string; cutoff: string }): number {
      db.exec('DELETE FROM matches; DELETE FROM cases;');
      return Number(insertRun.run(run.startedAt, run.startedAt, run.cutoff).lastInsertRowid);
    },
    /** Stored before it returns: a later group's queries read the pairs back. */
    addPairs(runId: number, pairs: readonly MatchPair[]): void {
      const values: Value[] = [];
      for (const p of pairs) values.push(runId, p.terminal.id, p.settlement.id, p.pass, JSON.stringify(p.signals));
      matches.add(values);
      matches.flush();
    },
    addCases(runId: number, cases: ReadonlyArray<CaseDraft | FeeCaseDraft>): void {
      for (const c of cases) {
        const fee = 'fee' in c ? c.fee : null;
        // A fee case is about the settlement line: its amount is the amount the fee was charged on. That is what
        // a reader looks up; the money at stake is the fee difference, which the totals count (match/at-stake.ts).
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
          action: c.action ?? ACTIONS[c.category],
          fee_expected_fen: fee?.expectedFen ?? null,
          fee_actual_fen: fee?.actualFen ?? null,
        });
      }
    },
    finish(runId: number, run: { finishedAt: string; matched: number; cases: number; feeSummary: FeeSummary }): void {
      finishRun.run(run.finishedAt, run.matched, run.cases, JSON.stringify(run.feeSummary), runId);
    },
  };
}

export function latestRun(db: Db): MatchRunRow | undefined {
  return db.prepare('SELECT * FROM match_runs WHERE id = (SELECT MAX(id) FROM match_runs) AND cleared_at IS NULL').get() as MatchRunRow | undefined;
}
