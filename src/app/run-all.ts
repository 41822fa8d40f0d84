import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openReport } from '../report/build-model.js';
import type { ReportHead } from '../report/model.js';
import { writeJsonReport } from '../report/writers/json.js';
import { writeXlsxReport } from '../report/writers/xlsx.js';
import { withStore } from '../store/open.js';
import type { AppContext } from './context.js';
import { checkReadable, importFile, type ImportResult } from './import-file.js';
import { matchDatabase } from './match-database.js';
import type { MatchResult } from './run-match.js';

export interface RunOptions {
  terminal: readonly string[];
  settlement: readonly string[];
  outDir: string;
  dbPath: string;
  cutoff: string;
  encoding?: string;
}

export interface RunResult {
  imports: ImportResult[];
  match: MatchResult;
  reportPath: string;
  xlsxPath: string;
  head: ReportHead;
}

/** The main job: import both sides, match, and write report.json and report.xlsx into the output folder. */
export async function runAll(opts: RunOptions, ctx: AppContext): Promise<RunResult> {
  for (const path of [...opts.terminal, ...opts.settlement]) await checkReadable(path);
  await mkdir(opts.outDir, { recursive: true });
  return withStore(opts.dbPath, async (db) => {
    const imports: ImportResult[] = [];
    const enc = opts.encoding === undefined ? {} : { encoding: opts.encoding };
    for (const path of opts.terminal) imports.push(await importFile(db, { path, side: 'terminal', cutoff: opts.cutoff, ...enc }, ctx));
    for (const path of opts.settlement) imports.push(await importFile(db, { path, side: 'settlement', cutoff: opts.cutoff, ...enc }, ctx));
    // In the heap-capped worker, as `posrecon match` does: run takes the same files a month at a time.
    const match = await matchDatabase(opts.dbPath, { cutoff: opts.cutoff });
    const report = openReport(db, { database: opts.dbPath, now: ctx.now() });
    const reportPath = join(opts.outDir, 'report.json');
    await writeJsonReport(report, reportPath);
    const xlsxPath = join(opts.outDir, 'report.xlsx');
    await writeXlsxReport(report, xlsxPath);
    return { imports, match, reportPath, xlsxPath, head: report.head };
  }, { create: true });
}
