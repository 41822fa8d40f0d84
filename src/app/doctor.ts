import { inspectMigrations } from '../store/migrate.js';
import { openExisting, requireDatabase } from '../store/open.js';
import { healthChecksRepo } from '../store/repos/health-checks.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Checks a database without changing it: SQLite's own integrity check, migrations, each imported file's
 * counts against what was recorded when it was imported, and rows whose parent is gone.
 */
export function runDoctor(dbPath: string): DoctorCheck[] {
  requireDatabase(dbPath);
  const db = openExisting(dbPath, { readonly: true });
  try {
    const checks: DoctorCheck[] = [];
    const integrity = healthChecksRepo(db).integrity();
    checks.push({ name: 'integrity', ok: integrity.length === 0, detail: integrity.length === 0 ? 'PRAGMA integrity_check: ok' : integrity.slice(0, 10).join('; ') });
    if (integrity.length > 0) return checks;

    const m = inspectMigrations(db);
    const migrationProblems = [
      ...m.unknown.map((u) => `migration ${u.id} (${u.name}) unknown to this version`),
      ...m.changed.map((c) => `migration ${c.id} (${c.name}) differs from this version's copy`),
      ...(m.pending.length > 0 ? [`pending: ${m.pending.join(', ')} (any command that writes applies them)`] : []),
    ];
    const blocking = m.unknown.length + m.changed.length > 0;
    checks.push({ name: 'migrations', ok: !blocking, detail: migrationProblems.length === 0 ? `applied: ${m.applied.join(', ')}` : migrationProblems.join('; ') });
    if (m.applied.length === 0) return checks;

    const repo = healthChecksRepo(db);
    const bad = repo.fileCounts().filter(
      (f) =>
        f.recorded.read !== f.recorded.imported + f.recorded.rejected + f.recorded.skipped ||
        f.recorded.imported !== f.actual.imported ||
        f.recorded.rejected !== f.actual.rejected ||
        f.recorded.skipped !== f.actual.skipped,
    );
    const files = repo.fileCounts().length;
    checks.push({
      name: 'file counts',
      ok: bad.length === 0,
      detail:
        bad.length === 0
          ? `${files} imported files hold exactly the rows recorded at import`
          : bad
              .map((f) => `${f.name} (#${f.id}): recorded read ${f.recorded.read} = ${f.recorded.imported} + ${f.recorded.rejected} + ${f.recorded.skipped}, found ${f.actual.imported} + ${f.actual.rejected} + ${f.actual.skipped}`)
              .join('; '),
    });
    const orphans = [...repo.orphans().map((o) => `${o.count} ${o.what}`), ...repo.foreignKeys()];
    checks.push({ name: 'orphans', ok: orphans.length === 0, detail: orphans.length === 0 ? 'none' : orphans.slice(0, 10).join('; ') });
    return checks;
  } finally {
    db.close();
  }
}
