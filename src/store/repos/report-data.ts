import type { Db } from '../open.js';
import type { MatchRunRow } from './match-results.js';

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
    case(id: string): CaseRow | undefined {
      return db.prepare(`${CASES} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    },
    matchedCount(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM matches').get() as { n: number }).n;
    },
    latestRun(): MatchRunRow | undefined {
      return db.prepare('SELECT * FROM match_runs ORDER BY id DESC LIMIT 1').get() as MatchRunRow | undefined;
    },
    terminalRecord(id: number): RecordRow | undefined {
      return terminal.get(id) as RecordRow | undefined;
    },
    settlementRecord(id: number): RecordRow | undefined {
      return settlement.get(id) as RecordRow | undefined;
    },
  };
}
