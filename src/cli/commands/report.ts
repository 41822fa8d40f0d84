import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../report/formats.js';
import { DB_HELP, dbPath } from '../options.js';
import { out, showPath } from '../output.js';
import type { CliState } from '../state.js';
import { parseCategory } from './cases.js';

function parseFormat(text: string): ReportFormat {
  if (isReportFormat(text)) return text;
  throw new UsageError(`--format "${text}" is not a report format (expected ${REPORT_FORMATS.join(', ')})`);
}

export function registerReport(program: Command, state: CliState): void {
  program
    .command('report')
    .description('write the discrepancy report of the last match')
    .option('--format <format>', 'json, xlsx (one workbook) or csv (a folder, one file per category)', parseFormat, 'json')
    .requiredOption('--out <path>', 'the file to write (json, xlsx) or the folder (csv)')
    .option('--category <category>', 'only this category', parseCategory)
    .option('--db <path>', DB_HELP)
    .action(async (o: { format: ReportFormat; out: string; category?: ReturnType<typeof parseCategory>; db?: string }) => {
      // Loaded when the command runs: its libraries (exceljs, pdfkit, fonts) cost every other command 0.7 s to load.
      const { writeReport } = await import('../../app/write-report.js');
      const r = await writeReport(dbPath(o.db), { format: o.format, outPath: o.out, ...(o.category ? { category: o.category } : {}) }, state.ctx);
      out(`${r.caseCount} cases written to ${r.paths.length === 1 ? showPath(r.paths[0] ?? o.out) : `${showPath(o.out)} (${r.paths.length} files)`}`);
    });
}
