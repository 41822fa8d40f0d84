import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { Category } from '../domain/categories.js';
import { openReport } from '../report/build-model.js';
import type { ReportHead } from '../report/model.js';
import { WRITERS, type ReportFormat } from '../report/writers/index.js';
import { withStore } from '../store/open.js';
import { latestRun } from '../store/repos/match-results.js';
import type { AppContext } from './context.js';

export interface ReportOptions {
  format: ReportFormat;
  /** A file for json and xlsx, a folder for csv. */
  outPath: string;
  category?: Category;
}

export async function writeReport(dbPath: string, opts: ReportOptions, ctx: AppContext): Promise<{ head: ReportHead; caseCount: number; paths: string[] }> {
  return withStore(dbPath, async (db) => {
    if (!latestRun(db)) throw new UsageError(`${dbPath}: nothing matched yet`, 'run: posrecon match');
    const report = openReport(db, { database: dbPath, now: ctx.now(), ...(opts.category ? { category: opts.category } : {}) });
    if (opts.format !== 'csv') await mkdir(dirname(opts.outPath), { recursive: true });
    const paths = await WRITERS[opts.format](report, opts.outPath, opts.category ? { category: opts.category } : {});
    return { head: report.head, caseCount: report.caseCount, paths };
  });
}
