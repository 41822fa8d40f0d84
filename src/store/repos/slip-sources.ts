import type { Db } from '../open.js';

/**
 * A stored record with the columns a slip can print, from either side. Columns only one side has are
 * NULL on the other (status and operator are terminal-only; settle_date and store_name settlement-only).
 */
export interface SlipRecordRow {
  id: number;
  side: 'terminal' | 'settlement';
  file: string;
  line: number;
  raw: string;
  raw_sha256: string;
  raw_masked: number;
  merchant_id: string | null;
  terminal_id: string;
  batch_no: string | null;
  trace_no: string | null;
  rrn: string | null;
  auth_code: string | null;
  card_masked: string | null;
  txn_type: string;
  amount_fen: number;
  txn_date: string;
  txn_time: string;
  orig_trace_no: string | null;
  orig_rrn: string | null;
  orig_date: string | null;
  status: string | null;
  response_code: string | null;
  operator: string | null;
  settle_date: string | null;
  store_name: string | null;
}

export interface SlipCaseRow {
  id: string;
  category: string;
  terminal_record_id: number | null;
  settlement_record_id: number | null;
  /** The workflow status; a case nobody has touched is open. */
  status: string;
}

const COMMON = `r.id, f.name AS file, r.line, r.raw, r.raw_sha256, r.raw_masked, r.merchant_id, r.terminal_id, r.batch_no, r.trace_no,
  r.rrn, r.auth_code, r.card_masked, r.txn_type, r.amount_fen, r.txn_date, r.txn_time, r.orig_trace_no, r.orig_rrn,
  r.orig_date`;
const TERMINAL = `SELECT 'terminal' AS side, ${COMMON}, r.status, r.response_code, r.operator, NULL AS settle_date,
  NULL AS store_name FROM terminal_records r JOIN imported_files f ON f.id = r.file_id`;
const SETTLEMENT = `SELECT 'settlement' AS side, ${COMMON}, NULL AS status, NULL AS response_code, NULL AS operator,
  r.settle_date, r.store_name FROM settlement_records r JOIN imported_files f ON f.id = r.file_id`;

const ids = (rows: unknown[]): number[] => (rows as Array<{ id: number }>).map((r) => r.id);

/**
 * Reads for slips: the last match's cases, records found by RRN or by terminal + trace, and the partner
 * each record was matched with. `matches` and `cases` only ever hold the latest run (saveMatchRun).
 */
export function slipSourcesRepo(db: Db) {
  const terminal = db.prepare(`${TERMINAL} WHERE r.id = ?`);
  const settlement = db.prepare(`${SETTLEMENT} WHERE r.id = ?`);
  const caseColumns = `c.id, c.category, c.terminal_record_id, c.settlement_record_id, COALESCE(s.status, 'open') AS status
    FROM cases c LEFT JOIN case_status s ON s.case_id = c.id`;
  const caseById = db.prepare(`SELECT ${caseColumns} WHERE c.id = ?`);
  const casesIn = db.prepare(
    `SELECT ${caseColumns} WHERE c.category IN (SELECT value FROM json_each(?)) ORDER BY c.terminal_id, c.txn_date, c.txn_time, c.id`,
  );
  const partnerOfTerminal = db.prepare('SELECT settlement_id AS id FROM matches WHERE terminal_id = ?');
  const partnerOfSettlement = db.prepare('SELECT terminal_id AS id FROM matches WHERE settlement_id = ?');
  const tByRrn = db.prepare('SELECT id FROM terminal_records WHERE rrn = ? ORDER BY id');
  const sByRrn = db.prepare('SELECT id FROM settlement_records WHERE rrn = ? ORDER BY id');
  const tByTrace = db.prepare('SELECT id FROM terminal_records WHERE terminal_id = ? AND trace_no = ? ORDER BY id');
  const sByTrace = db.prepare('SELECT id FROM settlement_records WHERE terminal_id = ? AND trace_no = ? ORDER BY id');
  const allSettled = db.prepare('SELECT id FROM settlement_records ORDER BY id');
  return {
    terminal(id: number): SlipRecordRow | undefined {
      return terminal.get(id) as SlipRecordRow | undefined;
    },
    settlement(id: number): SlipRecordRow | undefined {
      return settlement.get(id) as SlipRecordRow | undefined;
    },
    caseById(id: string): SlipCaseRow | undefined {
      return caseById.get(id) as SlipCaseRow | undefined;
    },
    casesIn(categories: readonly string[]): SlipCaseRow[] {
      return casesIn.all(JSON.stringify(categories)) as SlipCaseRow[];
    },
    /** The settlement record the last match paired with this terminal record, if any. */
    matchedSettlement(terminalRecordId: number): number | undefined {
      return (partnerOfTerminal.get(terminalRecordId) as { id: number } | undefined)?.id;
    },
    matchedTerminal(settlementRecordId: number): number | undefined {
      return (partnerOfSettlement.get(settlementRecordId) as { id: number } | undefined)?.id;
    },
    byRrn(rrn: string): { terminal: number[]; settlement: number[] } {
      return { terminal: ids(tByRrn.all(rrn)), settlement: ids(sByRrn.all(rrn)) };
    },
    byTrace(terminalId: string, traceNo: string): { terminal: number[]; settlement: number[] } {
      return { terminal: ids(tByTrace.all(terminalId, traceNo)), settlement: ids(sByTrace.all(terminalId, traceNo)) };
    },
    settlementIds(): number[] {
      return ids(allSettled.all());
    },
  };
}
