import type { Db } from '../open.js';
import { latestRun, type MatchRunRow } from './match-results.js';

export type RecordRow = Record<string, string | number | null> & { id: number; file: string; file_sha256: string };

export interface CaseRow {
  id: string;
  category: string;
  merchant_id: string | null;
  terminal_id: string;
  trace_no: string | null;
  batch_no: string | null;
  rrn: string | null;
  amount_fen: number;
  txn_date: string;
  txn_time: string;
  settle_date: string | null;
  terminal_record_id: number | null;
  settlement_record_id: number | null;
  related_record_ids: string;
  related_case_ids: string;
  reason: string;
  action: string;
  fee_expected_fen: number | null;
  fee_actual_fen: number | null;
  /** From case_status; 'open' when nobody has touched the case. */
  status: string;
  status_note: string | null;
  status_by: string | null;
  status_at: string | null;
}

const CASES = `SELECT c.*, COALESCE(s.status, 'open') AS status, s.note AS status_note, s.updated_by AS status_by,
  s.updated_at AS status_at FROM cases c LEFT JOIN case_status s ON s.case_id = c.id`;

/** What the report's totals need of a case, and nothing more: a report reads these for every case at once. */
export interface CaseFacts {
  category: string;
  merchant_id: string | null;
  terminal_id: string;
  txn_date: string;
  amount_fen: number;
  /** Set on fee cases only: the report totals count those at the fee difference, not at amount_fen. */
  fee_expected_fen: number | null;
  fee_actual_fen: number | null;
  /** Set on amount_mismatch cases only: the settled amount; the totals count the difference from amount_fen. */
  settled_fen: number | null;
  status: string;
}

/** Reads for reports: the latest run's cases and the records they cite, with their source files. */
export function reportDataRepo(db: Db) {
  const record = (table: 'terminal_records' | 'settlement_records') =>
    db.prepare(`SELECT r.*, f.name AS file, f.sha256 AS file_sha256 FROM ${table} r JOIN imported_files f ON f.id = r.file_id WHERE r.id = ?`);
  const terminal = record('terminal_records');
  const settlement = record('settlement_records');
  return {
    cases(filter: { category?: string; status?: string } = {}): CaseRow[] {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.category) {
        where.push('c.category = ?');
        args.push(filter.category);
      }
      if (filter.status) {
        where.push("COALESCE(s.status, 'open') = ?");
        args.push(filter.status);
      }
      const sql = `${CASES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.terminal_id, c.txn_date, c.txn_time, c.id`;
      return db.prepare(sql).all(...args) as CaseRow[];
    },
    /** Case ids, ordered by the given category order, then terminal and time. */
    caseIds(categoryOrder: readonly string[], category?: string): string[] {
      const rank = `CASE c.category ${categoryOrder.map((c, i) => `WHEN '${c.replace(/'/g, "''")}' THEN ${i}`).join(' ')} ELSE ${categoryOrder.length} END`;
      const where = category === undefined ? '' : 'WHERE c.category = ?';
      const sql = `SELECT c.id FROM cases c ${where} ORDER BY ${rank}, c.terminal_id, c.txn_date, c.txn_time, c.id`;
      return db.prepare(sql).pluck().all(...(category === undefined ? [] : [category])) as string[];
    },
    /** The cases of these ids, in the order given. */
    casesByIds(ids: readonly string[]): CaseRow[] {
      // Driven by the id list, so that each id is one lookup of the key (run_id, id), not a scan of every case; the
      // table only ever holds the latest run.
      const sql = `SELECT c.*, COALESCE(s.status, 'open') AS status, s.note AS status_note, s.updated_by AS status_by,
        s.updated_at AS status_at FROM json_each(?) j CROSS JOIN cases c ON c.run_id = (SELECT MAX(run_id) FROM cases) AND c.id = j.value
        LEFT JOIN case_status s ON s.case_id = c.id ORDER BY j.key`;
      return db.prepare(sql).all(JSON.stringify(ids)) as CaseRow[];
    },
    /** Calls back once per case of the category (or every case), without holding them all. */
    eachCaseFacts(category: string | undefined, fn: (f: CaseFacts) => void): void {
      // The settled amount is looked up (by key) for amount_mismatch cases only, the few whose totals need it.
      const sql = `SELECT c.category, c.merchant_id, c.terminal_id, c.txn_date, c.amount_fen, c.fee_expected_fen,
        c.fee_actual_fen, CASE WHEN c.category = 'amount_mismatch' THEN
          (SELECT r.amount_fen FROM settlement_records r WHERE r.id = c.settlement_record_id) END AS settled_fen,
        COALESCE(s.status, 'open') AS status
        FROM cases c LEFT JOIN case_status s ON s.case_id = c.id ${category === undefined ? '' : 'WHERE c.category = ?'}`;
      for (const f of db.prepare(sql).iterate(...(category === undefined ? [] : [category])) as IterableIterator<CaseFacts>) fn(f);
    },
    case(id: string): CaseRow | undefined {
      return db.prepare(`${CASES} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    },
    matchedCount(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM matches').get() as { n: number }).n;
    },
    latestRun(): MatchRunRow | undefined {
      return latestRun(db);
    },
    terminalRecord(id: number): RecordRow | undefined {
      return terminal.get(id) as RecordRow | undefined;
    },
    settlementRecord(id: number): RecordRow | undefined {
      return settlement.get(id) as RecordRow | undefined;
    },
  };
}
