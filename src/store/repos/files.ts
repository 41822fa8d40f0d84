import type { Db } from '../open.js';
import type { Side } from '../../domain/record.js';

export interface ImportedFileRow {
  id: number;
  path: string;
  name: string;
  sha256: string;
  side: Side;
  format: string;
  encoding: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  rows_skipped: number;
  imported_at: string;
}

export type NewImportedFile = Omit<ImportedFileRow, 'id' | 'rows_read' | 'rows_imported' | 'rows_rejected' | 'rows_skipped'>;
export interface RowCounts {
  read: number;
  imported: number;
  rejected: number;
  skipped: number;
}

export function filesRepo(db: Db) {
  const bySha = db.prepare('SELECT * FROM imported_files WHERE sha256 = ? AND side = ?');
  const insert = db.prepare(`INSERT INTO imported_files
    (path, name, sha256, side, format, encoding, rows_read, rows_imported, rows_rejected, rows_skipped, imported_at)
    VALUES (@path, @name, @sha256, @side, @format, @encoding, 0, 0, 0, 0, @imported_at)`);
  const setCounts = db.prepare(`UPDATE imported_files SET rows_read = @read, rows_imported = @imported,
    rows_rejected = @rejected, rows_skipped = @skipped WHERE id = @id`);
  const all = db.prepare('SELECT * FROM imported_files ORDER BY id');
  const byId = db.prepare('SELECT * FROM imported_files WHERE id = ?');
  return {
    get(id: number): ImportedFileRow | undefined {
      return byId.get(id) as ImportedFileRow | undefined;
    },
    findBySha(sha256: string, side: Side): ImportedFileRow | undefined {
      return bySha.get(sha256, side) as ImportedFileRow | undefined;
    },
    insert(file: NewImportedFile): number {
      return Number(insert.run(file).lastInsertRowid);
    },
    setCounts(id: number, counts: RowCounts): void {
      setCounts.run({ id, ...counts });
    },
    list(): ImportedFileRow[] {
      return all.all() as ImportedFileRow[];
    },
  };
}
