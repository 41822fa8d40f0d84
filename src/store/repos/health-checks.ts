import type { Db } from '../open.js';

export interface FileCountCheck {
  id: number;
  name: string;
  recorded: { read: number; imported: number; rejected: number; skipped: number };
  actual: { imported: number; rejected: number; skipped: number };
}

/** The checks behind `posrecon doctor`; each returns what is wrong, empty when all is well. */
export function healthChecksRepo(db: Db) {
  return {
    integrity(): string[] {
      const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
      return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    },
    foreignKeys(): string[] {
      const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
      return rows.map((r) => `${r.table} row ${r.rowid} refers to a missing ${r.parent} row`);
    },
    fileCounts(): FileCountCheck[] {
      const rows = db
        .prepare(
          `SELECT f.id, f.name, f.rows_read AS read, f.rows_imported AS imported, f.rows_rejected AS rejected,
             f.rows_skipped AS skipped,
             (SELECT COUNT(*) FROM terminal_records t WHERE t.file_id = f.id)
               + (SELECT COUNT(*) FROM settlement_records s WHERE s.file_id = f.id) AS a_imported,
             (SELECT COUNT(*) FROM rejected_rows r WHERE r.file_id = f.id AND r.disposition = 'rejected') AS a_rejected,
             (SELECT COUNT(*) FROM rejected_rows r WHERE r.file_id = f.id AND r.disposition = 'skipped') AS a_skipped
           FROM imported_files f ORDER BY f.id`,
        )
        .all() as Array<Record<string, number> & { name: string }>;
      return rows.map((r) => ({
        id: r['id'] ?? 0,
        name: r.name,
        recorded: { read: r['read'] ?? 0, imported: r['imported'] ?? 0, rejected: r['rejected'] ?? 0, skipped: r['skipped'] ?? 0 },
        actual: { imported: r['a_imported'] ?? 0, rejected: r['a_rejected'] ?? 0, skipped: r['a_skipped'] ?? 0 },
      }));
    },
    /** Rows whose parent is gone: possible only if foreign keys were off when something deleted a parent. */
    orphans(): Array<{ what: string; count: number }> {
      const checks: Array<[string, string]> = [
        ['terminal records without their file', 'SELECT COUNT(*) FROM terminal_records WHERE file_id NOT IN (SELECT id FROM imported_files)'],
        ['settlement records without their file', 'SELECT COUNT(*) FROM settlement_records WHERE file_id NOT IN (SELECT id FROM imported_files)'],
        ['rejected rows without their file', 'SELECT COUNT(*) FROM rejected_rows WHERE file_id NOT IN (SELECT id FROM imported_files)'],
        [
          'matches citing a missing record',
          `SELECT COUNT(*) FROM matches WHERE terminal_id NOT IN (SELECT id FROM terminal_records)
             OR settlement_id NOT IN (SELECT id FROM settlement_records)`,
        ],
        [
          'cases citing a missing record',
          `SELECT COUNT(*) FROM cases WHERE (terminal_record_id IS NOT NULL AND terminal_record_id NOT IN (SELECT id FROM terminal_records))
             OR (settlement_record_id IS NOT NULL AND settlement_record_id NOT IN (SELECT id FROM settlement_records))`,
        ],
      ];
      return checks.map(([what, sql]) => ({ what, count: db.prepare(sql).pluck().get() as number })).filter((c) => c.count > 0);
    },
  };
}
