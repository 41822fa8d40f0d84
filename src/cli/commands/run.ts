import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../../domain/errors.js';
import { clearProgress, withTtyProgress } from '../progress.js';
import { DEFAULT_CUTOFF, dbPath, parseCutoff } from '../options.js';
import { discrepancyCount, out, printImports, printMatchSummary, showPath } from '../output.js';
import { printFeeSummary, printTerminalHealth } from '../report-output.js';
import type { CliState } from '../state.js';

interface RunFlags {
  terminal: string[];
  settlement: string[];
  out: string;
  db?: string;
  cutoff: string;
  encoding?: string;
  failOnDiscrepancy?: boolean;
}

export function registerRun(program: Command, state: CliState): void {
  program
    .command('run')
    .description('import journals and settlement files, match them and write out/report.json and out/report.xlsx')
    .option('--terminal <files...>', 'terminal journal files', [])
    .option('--settlement <files...>', 'acquirer settlement files', [])
    .requiredOption('--out <dir>', 'output folder for the report (and the database, unless --db)')
    .option('--db <path>', 'SQLite database (default: <out>/posrecon.db)')
    .option('--cutoff <HH:mm>', 'acquirer day cut-off (Asia/Shanghai)', DEFAULT_CUTOFF)
    .option('--encoding <enc>', 'force utf-8, gbk or gb18030 for every file (default: detected per file)')
    .option('--fail-on-discrepancy', 'exit 1 when a discrepancy is found')
    .action(async (o: RunFlags) => {
      if (o.terminal.length + o.settlement.length === 0) throw new UsageError('nothing to do: give --terminal and/or --settlement files');
      // Loaded when the command runs: its libraries (exceljs, pdfkit, fonts) cost every other command 0.7 s to load.
      const { runAll } = await import('../../app/run-all.js');
      const r = await runAll(
        {
          terminal: o.terminal,
          settlement: o.settlement,
          outDir: o.out,
          dbPath: dbPath(o.db, join(o.out, 'posrecon.db')),
          cutoff: parseCutoff(o.cutoff),
          ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
        },
        withTtyProgress(state.ctx),
        printImports,
      );
      clearProgress();
      out('');
      printMatchSummary(r.match);
      out('');
      printFeeSummary(r.match.fees);
      out('');
      printTerminalHealth(r.head.terminal_health);
      out('');
      out(`report: ${showPath(r.reportPath)}`);
      out(`workbook: ${showPath(r.xlsxPath)}`);
      if (o.failOnDiscrepancy && discrepancyCount(r.match) > 0) state.exitCode = EXIT.discrepancies;
    });
}
