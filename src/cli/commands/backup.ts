import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../app/backup.js';
import { DB_HELP, dbPath } from '../options.js';
import { out, showPath } from '../output.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("copy the database with SQLite's online backup (safe while another posrecon process uses it)")
    .requiredOption('--out <file>', 'the backup file (must not exist)')
    .option('--db <path>', DB_HELP)
    .action(async (o: { out: string; db?: string }) => {
      const r = await backupDatabase(dbPath(o.db), o.out);
      out(`backed up ${r.pages} pages to ${showPath(o.out)} (integrity checked)`);
    });
  program
    .command('restore')
    .description('replace the database with a backup (checked first); stop other posrecon processes before')
    .requiredOption('--from <file>', 'a file written by posrecon backup')
    .option('--force', 'replace an existing database')
    .option('--db <path>', DB_HELP)
    .action(async (o: { from: string; force?: boolean; db?: string }) => {
      const target = dbPath(o.db);
      const r = await restoreDatabase(o.from, target, { force: o.force === true });
      out(`restored ${r.pages} pages from ${showPath(o.from)} into ${showPath(target)}`);
    });
}
