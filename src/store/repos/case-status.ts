import type { CaseStatus } from '../../domain/case-status.js';
import type { Db } from '../open.js';

export interface CaseStatusRow {
  case_id: string;
  status: CaseStatus;
  note: string | null;
  updated_by: string;
  updated_at: string;
}

/** The workflow state of cases, keyed by case id and untouched by match runs (which replace `cases`). */
export function caseStatusRepo(db: Db) {
  const get = db.prepare('SELECT * FROM case_status WHERE case_id = ?');
  const upsert = db.prepare(`INSERT INTO case_status (case_id, status, note, updated_by, updated_at)
    VALUES (@case_id, @status, @note, @updated_by, @updated_at)
    ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, note = excluded.note,
      updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  return {
    get(caseId: string): CaseStatusRow | undefined {
      return get.get(caseId) as CaseStatusRow | undefined;
    },
    set(row: CaseStatusRow): void {
      upsert.run(row);
    },
    all(): Map<string, CaseStatusRow> {
      const rows = db.prepare('SELECT * FROM case_status').all() as CaseStatusRow[];
      return new Map(rows.map((r) => [r.case_id, r]));
    },
  };
}
