import type { Command } from 'commander';
import { importFiles } from '../../app/import-files.js';
import { withTtyProgress, clearProgress } from '../progress.js';
import { DB_HELP, DEFAULT_CUTOFF, dbPath, parseCutoff, parseSide } from '../options.js';
import { printImport } from '../output.js';
import type { CliState } from '../state.js';

export function registerImport(program: Command, state: CliState): void {
  program
    .command('import')
    .description('import terminal journals or settlement files into the database (a file already imported is skipped)')
    .argument('<files...>', 'CSV or JSON Lines files')
    .option('--side <side>', 'terminal or settlement (default: detected from the columns)', parseSide)
    .option('--format <name>', 'force a format (see: posrecon formats)')
    .option('--encoding <enc>', 'force utf-8, gbk or gb18030 (default: detected)')
    .option('--cutoff <HH:mm>', 'acquirer day cut-off, for rows without a clearing date', DEFAULT_CUTOFF)
    .option('--db <path>', DB_HELP)
    .action(async (files: string[], o: { side?: 'terminal' | 'settlement'; format?: string; encoding?: string; cutoff: string; db?: string }) => {
      await importFiles(
        dbPath(o.db),
        files.map((path) => ({ path, cutoff: parseCutoff(o.cutoff), ...pick(o) })),
        withTtyProgress(state.ctx),
        (r) => {
          clearProgress();
          printImport(r);
        },
      );
    });
}

function pick(o: { side?: 'terminal' | 'settlement'; format?: string; encoding?: string }) {
  return {
    ...(o.side === undefined ? {} : { side: o.side }),
    ...(o.format === undefined ? {} : { format: o.format }),
    ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
  };
}
