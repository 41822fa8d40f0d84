import type { Command } from 'commander';
import { readAuditLog } from '../../app/audit-log.js';
import { EXIT } from '../../domain/errors.js';
import { beijingTimeMarked } from '../../report/local-time.js';
import { DB_HELP, dbPath } from '../options.js';
import { err, out } from '../output.js';
import type { CliState } from '../state.js';

export function registerAudit(program: Command, state: CliState): void {
  program
    .command('audit')
    .description('print the audit log: every import, match run, case status change, rate change and merchant change, with who, when and the file hashes')
    .option('--case <id>', 'only the entries of this case')
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { case?: string; json?: boolean; db?: string }) => {
      const log = await readAuditLog(dbPath(o.db), o.case === undefined ? {} : { caseId: o.case });
      for (const e of log.entries) {
        if (o.json) out(JSON.stringify({ ...e, details: JSON.parse(e.details) as unknown }));
        else out(`#${e.id}  ${beijingTimeMarked(e.at)}  ${e.actor}  ${e.action}${e.case_id ? ` ${e.case_id}` : ''}  ${e.details}`);
      }
      if (log.brokenAt !== null) {
        err(`posrecon: the audit log was altered: entry #${log.brokenAt} does not match the hash chain`);
        state.exitCode = EXIT.discrepancies;
      } else if (!o.json) out(`${log.entries.length} entries; hash chain intact`);
    });
}
