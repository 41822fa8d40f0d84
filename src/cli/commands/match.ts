import type { Command } from 'commander';
import { matchDatabase } from '../../app/match-database.js';
import { EXIT } from '../../domain/errors.js';
import { DB_HELP, DEFAULT_CUTOFF, dbPath, parseCutoff } from '../options.js';
import { discrepancyCount, out, printMatchSummary } from '../output.js';
import { printFeeSummary, printTerminalHealth } from '../report-output.js';
import type { CliState } from '../state.js';

export function registerMatch(program: Command, state: CliState): void {
  program
    .command('match')
    .description('match everything in the database from scratch and classify every difference')
    .option('--cutoff <HH:mm>', 'acquirer day cut-off (Asia/Shanghai): later transactions settle the next day', DEFAULT_CUTOFF)
    .option('--dry-run', 'show the result without storing it')
    .option('--fail-on-discrepancy', 'exit 1 when a discrepancy is found')
    .option('--db <path>', DB_HELP)
    .action(async (o: { cutoff: string; dryRun?: boolean; failOnDiscrepancy?: boolean; db?: string }) => {
      const m = await matchDatabase(dbPath(o.db), { cutoff: parseCutoff(o.cutoff), dryRun: o.dryRun === true });
      printMatchSummary(m);
      out('');
      printFeeSummary(m.fees);
      out('');
      printTerminalHealth(m.health);
      if (o.dryRun) out('\n(dry run: nothing stored)');
      if (o.failOnDiscrepancy && discrepancyCount(m) > 0) state.exitCode = EXIT.discrepancies;
    });
}
