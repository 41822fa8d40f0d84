import { UsageError } from '../domain/errors.js';
import { withStore } from '../store/open.js';
import { auditRepo } from '../store/repos/audit.js';
import { removeImportedFile } from '../store/repos/file-removal.js';
import { filesRepo, type ImportedFileRow } from '../store/repos/files.js';
import { actorOf, type AppContext } from './context.js';

export interface RemovedFile {
  file: ImportedFileRow;
  /** The match run whose results went with the file; null when nothing had been matched. */
  clearedRunId: number | null;
}

export async function listFiles(dbPath: string): Promise<ImportedFileRow[]> {
  return withStore(dbPath, (db) => filesRepo(db).list());
}

/**
 * Undoes an import: a second copy of a file, or a file imported on the wrong side. The removal and its audit
 * entry are one transaction; the entry keeps the file's name, hash and counts, so the log still says what was
 * once imported and when it went.
 */
export async function removeFile(dbPath: string, fileId: number, ctx: AppContext, by?: string): Promise<RemovedFile> {
  return withStore(dbPath, (db) =>
    db.transaction((): RemovedFile => {
      const file = filesRepo(db).get(fileId);
      if (!file) throw new UsageError(`no imported file #${fileId}`, 'list them: posrecon files');
      const at = ctx.now().toISOString();
      const { clearedRunId } = removeImportedFile(db, file, at);
      auditRepo(db).append({
        at,
        actor: actorOf(ctx, by),
        action: 'files.remove',
        details: {
          file_id: file.id,
          file: file.name,
          path: file.path,
          side: file.side,
          format: file.format,
          sha256: file.sha256,
          imported_at: file.imported_at,
          rows_read: file.rows_read,
          rows_imported: file.rows_imported,
          rows_rejected: file.rows_rejected,
          rows_skipped: file.rows_skipped,
          cleared_match_run: clearedRunId,
        },
      });
      return { file, clearedRunId };
    }).immediate(),
  );
}
