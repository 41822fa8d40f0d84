import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { Category } from '../domain/categories.js';
import { buildReportModel } from '../report/build-model.js';
import type { ReportModel } from '../report/model.js';
import { writeJsonReport } from '../report/writers/json.js';
import { withStore } from '../store/open.js';
import { latestRun } from '../store/repos/match-results.js';
import type { AppContext } from './context.js';

export interface ReportOptions {
  format: 'json';
  outPath: string;
  category?: Category;
}

export async function writeReport(dbPath: string, opts: ReportOptions, ctx: AppContext): Promise<ReportModel> {
  return withStore(dbPath, async (db) => {
    if (!latestRun(db)) throw new UsageError(`${dbPath}: nothing matched yet`, 'run: posrecon match');
    const model = buildReportModel(db, { database: dbPath, now: ctx.now(), ...(opts.category ? { category: opts.category } : {}) });
    await mkdir(dirname(opts.outPath), { recursive: true });
    await writeJsonReport(model, opts.outPath);
    return model;
  });
}
