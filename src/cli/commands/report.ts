import type { Command } from 'commander';
import { writeReport } from '../../app/write-report.js';
import { UsageError } from '../../domain/errors.js';
import { DB_HELP, dbPath } from '../options.js';
import { out, showPath } from '../output.js';
import type { CliState } from '../state.js';
import { parseCategory } from './cases.js';

export function registerReport(program: Command, state: CliState): void {
  program
    .command('report')
    .description('write the discrepancy report of the last match')
    .option('--format <format>', 'json', 'json')
    .requiredOption('--out <file>', 'where to write the report')
    .option('--category <category>', 'only this category', parseCategory)
    .option('--db <path>', DB_HELP)
    .action(async (o: { format: string; out: string; category?: ReturnType<typeof parseCategory>; db?: string }) => {
      if (o.format !== 'json') throw new UsageError(`--format "${o.format}" is not available yet (expected json)`);
      const model = await writeReport(dbPath(o.db), { format: 'json', outPath: o.out, ...(o.category ? { category: o.category } : {}) }, state.ctx);
      out(`${model.cases.length} cases written to ${showPath(o.out)}`);
    });
}
