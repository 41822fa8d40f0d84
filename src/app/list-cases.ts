import type { Category } from '../domain/categories.js';
import { UsageError } from '../domain/errors.js';
import { withStore } from '../store/open.js';
import { latestRun } from '../store/repos/match-results.js';
import { reportDataRepo, type CaseRow } from '../store/repos/report-data.js';

export function listCases(dbPath: string, category?: Category): Promise<CaseRow[]> {
  return withStore(dbPath, (db) => {
    if (!latestRun(db)) throw new UsageError(`${dbPath}: nothing matched yet`, 'run: posrecon match');
    return reportDataRepo(db).cases(category);
  });
}
