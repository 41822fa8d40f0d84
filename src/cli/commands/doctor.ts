import type { Command } from 'commander';
import { runDoctor } from '../../app/doctor.js';
import { EXIT } from '../../domain/errors.js';
import { DB_HELP, dbPath } from '../options.js';
import { out } from '../output.js';
import type { CliState } from '../state.js';

export function registerDoctor(program: Command, state: CliState): void {
  program
    .command('doctor')
    .description('check the database: integrity, migrations, rows per imported file, orphaned rows (exit 1 when something is wrong)')
    .option('--db <path>', DB_HELP)
    .action((o: { db?: string }) => {
      const checks = runDoctor(dbPath(o.db));
      for (const c of checks) out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(12)} ${c.detail}`);
      if (checks.some((c) => !c.ok)) state.exitCode = EXIT.discrepancies;
    });
}
