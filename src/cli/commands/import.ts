import type { Command } from 'commander';
import { importFiles } from '../../app/import-files.js';
import { UsageError } from '../../domain/errors.js';
import { withTtyProgress } from '../progress.js';
import { DB_HELP, DEFAULT_CUTOFF, dbPath, parseCutoff, parseSide } from '../options.js';
import { printImports } from '../output.js';
import type { CliState } from '../state.js';

interface ImportFlags {
  side?: 'terminal' | 'settlement';
  format?: string;
  profile?: string;
  encoding?: string;
  year?: number;
  cutoff: string;
  db?: string;
}

function parseYear(text: string): number {
  const n = Number(text);
  if (!/^\d{4}$/.test(text) || n < 1990 || n > 2099) throw new UsageError(`--year "${text}" is not a year (expected YYYY)`);
  return n;
}

export function registerImport(program: Command, state: CliState): void {
  program
    .command('import')
    .description('import terminal journals or settlement files into the database (a file already imported is skipped)')
    .argument('<files...>', 'CSV, JSON Lines, acquirer files (UnionPay ZM, WeChat, Alipay, 通联, 乐刷), zips of them, or xlsx')
    .option('--side <side>', 'terminal or settlement (default: detected; acquirer formats are settlement files)', parseSide)
    .option('--format <name>', 'force a format (see: posrecon formats)')
    .option('--profile <file>', 'a profile (YAML for .yaml/.yml, else JSON) describing the layout of another acquirer\'s CSV or Excel statement')
    .option('--encoding <enc>', 'force utf-8, gbk or gb18030 (default: detected)')
    .option('--year <YYYY>', 'year of dates printed without one (UnionPay MMDDhhmmss), when the file name does not tell', parseYear)
    .option('--cutoff <HH:mm>', 'acquirer day cut-off, for rows without a clearing date', DEFAULT_CUTOFF)
    .option('--db <path>', DB_HELP)
    .action(async (files: string[], o: ImportFlags) => {
      if (o.format !== undefined && o.profile !== undefined) throw new UsageError('give --format or --profile, not both');
      await importFiles(
        dbPath(o.db),
        files.map((path) => ({ path, cutoff: parseCutoff(o.cutoff), ...pick(o) })),
        withTtyProgress(state.ctx),
        printImports,
      );
    });
}

function pick(o: ImportFlags) {
  return {
    ...(o.side === undefined ? {} : { side: o.side }),
    ...(o.format === undefined ? {} : { format: o.format }),
    ...(o.profile === undefined ? {} : { profile: o.profile }),
    ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
    ...(o.year === undefined ? {} : { year: o.year }),
  };
}
