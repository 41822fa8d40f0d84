import { isCaseStatus, type CaseStatus, CASE_STATUSES } from '../domain/case-status.js';
import type { Category } from '../domain/categories.js';
import { UsageError } from '../domain/errors.js';
import { toReportCase } from '../report/build-model.js';
import type { ReportCase } from '../report/model.js';
import { withStore, type Db } from '../store/open.js';
import { auditRepo, type AuditEntry } from '../store/repos/audit.js';
import { caseStatusRepo, type CaseStatusRow } from '../store/repos/case-status.js';
import { latestRun } from '../store/repos/match-results.js';
import { reportDataRepo, type CaseRow } from '../store/repos/report-data.js';
import { actorOf, type AppContext } from './context.js';

function requireRun(db: Db, dbPath: string): void {
  if (!latestRun(db)) throw new UsageError(`${dbPath}: nothing matched yet`, 'run: posrecon match');
}

export function listCases(dbPath: string, filter: { category?: Category; status?: CaseStatus } = {}): Promise<CaseRow[]> {
  return withStore(dbPath, (db) => {
    requireRun(db, dbPath);
    return reportDataRepo(db).cases(filter);
  });
}

export interface CaseDetail {
  id: string;
  /** The case as the last match found it; null when the last match no longer has it (its status is kept). */
  current: ReportCase | null;
  status: CaseStatusRow | null;
  /** Every audit entry about this case, oldest first. */
  history: AuditEntry[];
}

export function showCase(dbPath: string, id: string): Promise<CaseDetail> {
  return withStore(dbPath, (db) => {
    requireRun(db, dbPath);
    const data = reportDataRepo(db);
    const row = data.case(id);
    const status = caseStatusRepo(db).get(id) ?? null;
    const history = auditRepo(db).list({ caseId: id });
    if (!row && !status && history.length === 0) throw new UsageError(`no case ${id}`, 'list them: posrecon cases list');
    return { id, current: row ? toReportCase(data, row) : null, status, history };
  });
}

export interface ResolveOptions {
  id: string;
  status: string;
  note?: string;
  /** Who decided; default the user running posrecon. */
  by?: string;
}

/**
 * Sets a case's status, with the change in the audit log, in one transaction. The status is keyed by the case id,
 * so it stays with the case through new imports and re-matching.
 */
export async function resolveCase(dbPath: string, opts: ResolveOptions, ctx: AppContext): Promise<{ previous: CaseStatus; current: CaseStatusRow }> {
  if (!isCaseStatus(opts.status)) {
    throw new UsageError(`--status "${opts.status}" is not a case status`, `statuses: ${CASE_STATUSES.join(', ')}`);
  }
  const status = opts.status;
  const by = actorOf(ctx, opts.by);
  return withStore(dbPath, (db) => {
    requireRun(db, dbPath);
    const statuses = caseStatusRepo(db);
    const before = statuses.get(opts.id);
    if (!reportDataRepo(db).case(opts.id) && !before) {
      throw new UsageError(`no case ${opts.id} in the last match`, 'list them: posrecon cases list');
    }
    const at = ctx.now().toISOString();
    const current: CaseStatusRow = { case_id: opts.id, status, note: opts.note ?? null, updated_by: by, updated_at: at };
    db.transaction(() => {
      statuses.set(current);
      auditRepo(db).append({
        at,
        actor: by,
        action: 'case.status',
        caseId: opts.id,
        details: { from: before?.status ?? 'open', to: status, note: opts.note ?? null },
      });
    })();
    return { previous: before?.status ?? 'open', current };
  });
}
