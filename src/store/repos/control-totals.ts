import type { ControlCheck, ControlStatus, Scale } from '../../import/control.js';
import type { Db } from '../open.js';

export interface ControlTotalRow {
  file_id: number;
  source: string;
  measure: string;
  label: string;
  scale: Scale;
  stated: number;
  in_rows: number | null;
  imported: number | null;
  status: ControlStatus;
}

export interface ImportWarningRow {
  file_id: number;
  line: number;
  location: string;
  message: string;
}

/** A file's own totals as checked at import, and warnings about rows imported not exactly as printed. */
export function controlTotalsRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO control_totals (file_id, source, measure, label, scale, stated, in_rows, imported, status)
    VALUES (@file_id, @source, @measure, @label, @scale, @stated, @in_rows, @imported, @status)`);
  const insertWarning = db.prepare('INSERT INTO import_warnings (file_id, line, location, message) VALUES (?, ?, ?, ?)');
  const byFile = db.prepare('SELECT * FROM control_totals WHERE file_id = ? ORDER BY id');
  const all = db.prepare('SELECT * FROM control_totals ORDER BY file_id, id');
  const warnings = db.prepare('SELECT file_id, line, location, message FROM import_warnings WHERE file_id = ? ORDER BY id');
  return {
    add(fileId: number, c: ControlCheck): void {
      insert.run({
        file_id: fileId,
        source: c.source,
        measure: c.key,
        label: c.label,
        scale: c.scale,
        stated: c.stated,
        in_rows: c.inRows,
        imported: c.imported,
        status: c.status,
      });
    },
    addWarning(fileId: number, line: number, location: string, message: string): void {
      insertWarning.run(fileId, line, location, message);
    },
    forFile(fileId: number): ControlTotalRow[] {
      return byFile.all(fileId) as ControlTotalRow[];
    },
    list(): ControlTotalRow[] {
      return all.all() as ControlTotalRow[];
    },
    warningsFor(fileId: number): ImportWarningRow[] {
      return warnings.all(fileId) as ImportWarningRow[];
    },
  };
}
