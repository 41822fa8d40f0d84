import type { Db } from '../open.js';

/** Every table that keeps rows read from an imported file, children before the file itself. */
const FILE_TABLES = ['control_totals', 'import_warnings', 'rejected_rows', 'terminal_records', 'settlement_records'] as const;

/**
 * Takes an imported file out of the database with everything read from it. The last match paired and classified
 * its records, so that run's pairs and cases go as well and the run is marked cleared; case statuses, keyed by
 * case id, stay for the next match. Call inside a transaction.
 */
export function removeImportedFile(db: Db, fileId: number, at: string): { clearedRunId: number | null } {
  const run = db.prepare('SELECT id FROM match_runs WHERE id = (SELECT MAX(id) FROM match_runs) AND cleared_at IS NULL').get() as
    | { id: number }
    | undefined;
  db.prepare('DELETE FROM matches').run();
  db.prepare('DELETE FROM cases').run();
  if (run) db.prepare('UPDATE match_runs SET cleared_at = ? WHERE id = ?').run(at, run.id);
  for (const table of FILE_TABLES) db.prepare(`DELETE FROM ${table} WHERE file_id = ?`).run(fileId);
  db.prepare('DELETE FROM imported_files WHERE id = ?').run(fileId);
  return { clearedRunId: run?.id ?? null };
}
