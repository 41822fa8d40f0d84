import type { Db } from '../open.js';
import type { Coverage, MatchSettlement, MatchTerminal } from '../../match/types.js';

const COMMON = `id, merchant_id AS merchantId, terminal_id AS terminalId, batch_no AS batchNo, trace_no AS traceNo,
  rrn, card_masked AS cardMasked, card_last4 AS cardLast4, txn_type AS txnType, direction, amount_fen AS amountFen,
  txn_date AS txnDate, txn_time AS txnTime, orig_trace_no AS origTraceNo, orig_rrn AS origRrn,
  order_no AS orderNo, raw_sha256 AS rawSha256, CAST(strftime('%s', txn_date || ' ' || txn_time) AS INTEGER) AS at`;

/** Everything the match engine reads, in the shapes it wants. */
export function matchInputRepo(db: Db) {
  return {
    terminal(): MatchTerminal[] {
      return db.prepare(`SELECT ${COMMON}, response_code AS responseCode, status FROM terminal_records`).all() as MatchTerminal[];
    },
    settlement(): MatchSettlement[] {
      return db.prepare(`SELECT ${COMMON}, settle_date AS settleDate FROM settlement_records`).all() as MatchSettlement[];
    },
    coverage(): Coverage {
      const settlementDays = new Map<string, Set<string>>();
      const rows = db
        .prepare('SELECT DISTINCT COALESCE(merchant_id, \'\') AS m, settle_date AS d FROM settlement_records')
        .all() as Array<{ m: string; d: string }>;
      for (const { m, d } of rows) settlementDays.set(m, (settlementDays.get(m) ?? new Set()).add(d));
      const journalDays = new Map<string, Set<string>>();
      const days = db.prepare('SELECT DISTINCT terminal_id AS t, txn_date AS d FROM terminal_records').all() as Array<{ t: string; d: string }>;
      for (const { t, d } of days) journalDays.set(t, (journalDays.get(t) ?? new Set()).add(d));
      return { settlementDays, journalDays };
    },
  };
}
