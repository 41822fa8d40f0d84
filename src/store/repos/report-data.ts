import type { Db } from '../open.js';

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
}

/** Reads for reports: the latest run's cases and the records they cite, with their source files. */
export function reportDataRepo(db: Db) {
  const record = (table: 'terminal_records' | 'settlement_records') =>
    db.prepare(`SELECT r.*, f.name AS file, f.sha256 AS file_sha256 FROM ${table} r JOIN imported_files f ON f.id = r.file_id WHERE r.id = ?`);
  const terminal = record('terminal_records');
  const settlement = record('settlement_records');
  return {
    cases(category?: string): CaseRow[] {
      const sql = `SELECT * FROM cases ${category ? 'WHERE category = ?' : ''} ORDER BY terminal_id, txn_date, txn_time, id`;
      return db.prepare(sql).all(...(category ? [category] : [])) as CaseRow[];
    },
    matchedCount(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM matches').get() as { n: number }).n;
    },
    terminalRecord(id: number): RecordRow | undefined {
      return terminal.get(id) as RecordRow | undefined;
    },
    settlementRecord(id: number): RecordRow | undefined {
      return settlement.get(id) as RecordRow | undefined;
    },
  };
}
