import type { Db } from '../open.js';
import type { ImportedFileRow } from './files.js';
import { latestRun } from './match-results.js';

/** Every table that keeps rows read from an imported file, children before the file itself. */
const FILE_TABLES = ['control_totals', 'import_warnings', 'rejected_rows', 'terminal_records', 'settlement_records'] as const;

/**
 * Takes an imported file out of the database with everything read from it. When the last match read the file, it
 * paired and classified its records: that run's pairs and cases go as well and the run is marked cleared. A file
 * imported after the last match leaves it alone. Case statuses, keyed by case id, stay for the next match. Call
 * inside a transaction.
 */
export function removeImportedFile(db: Db, file: Pick<ImportedFileRow, 'id' | 'imported_at'>, at: string): { clearedRunId: number | null } {
  const run = latestRun(db);
  // Instants as ISO strings: a tie counts as read, the side that cannot leave a case pointing at a deleted record.
  const read = run !== undefined && file.imported_at <= run.started_at;
  if (run && read) {
    db.prepare('DELETE FROM matches').run();
    db.prepare('DELETE FROM cases').run();
    db.prepare('UPDATE match_runs SET cleared_at = ? WHERE id = ?').run(at, run.id);
  }
  for (const table of FILE_TABLES) db.prepare(`DELETE FROM ${table} WHERE file_id = ?`).run(file.id);
  db.prepare('DELETE FROM imported_files WHERE id = ?').run(file.id);
  return { clearedRunId: run && read ? run.id : null };
}
