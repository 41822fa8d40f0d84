import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../domain/errors.js';
import { openReport } from '../report/build-model.js';
import type { ReportHead } from '../report/model.js';
import { writeJsonReport } from '../report/writers/json.js';
import { writeXlsxReport } from '../report/writers/xlsx.js';
import { withStore } from '../store/open.js';
import type { AppContext } from './context.js';
import type { ImportResult } from './import-file.js';
import { checkAllReadable, importEach, itOrThem, notImported, type ImportEvents } from './import-files.js';
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

/**
 * The main job: import both sides, match, and write report.json and report.xlsx into the output folder. A file
 * that cannot be imported does not stop the other imports, but it stops the run before matching: matched without
 * it, its transactions would show up as discrepancies of the other side, in a report that looks complete.
 */
export async function runAll(opts: RunOptions, ctx: AppContext, on: ImportEvents = {}): Promise<RunResult> {
  const enc = opts.encoding === undefined ? {} : { encoding: opts.encoding };
  const files = [
    ...opts.terminal.map((path) => ({ path, side: 'terminal' as const, cutoff: opts.cutoff, ...enc })),
    ...opts.settlement.map((path) => ({ path, side: 'settlement' as const, cutoff: opts.cutoff, ...enc })),
  ];
  await checkAllReadable(files);
  await mkdir(opts.outDir, { recursive: true });
  return withStore(opts.dbPath, async (db) => {
    const { results: imports, refused } = await importEach(db, files, ctx, on);
    if (refused.length > 0) {
      throw new InputError(
        `${notImported(refused, files.length)}; nothing was matched and no report written, as the report would count the missing transactions as discrepancies`,
        `fix ${itOrThem(refused)} and run the same command again: the files already imported are skipped`,
      );
    }
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
