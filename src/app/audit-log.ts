import { withStore } from '../store/open.js';
import { auditRepo, type AuditEntry } from '../store/repos/audit.js';

export interface AuditLog {
  entries: AuditEntry[];
  /** The first entry whose hash chain does not hold, or null when the log is intact. */
  brokenAt: number | null;
}

export function readAuditLog(dbPath: string, filter: { caseId?: string } = {}): Promise<AuditLog> {
  return withStore(dbPath, (db) => {
    const repo = auditRepo(db);
    return { entries: repo.list(filter), brokenAt: repo.verify().brokenAt };
  });
}
