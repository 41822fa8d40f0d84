import type { Command } from 'commander';
import { listMerchants, setMerchant } from '../../app/merchants.js';
import { DB_HELP, dbPath } from '../options.js';
import { err, out } from '../output.js';
import type { CliState } from '../state.js';

interface SetFlags {
  name?: string;
  nameEn?: string;
  acquirer?: string;
  terminal?: string[];
  db?: string;
}

export function registerMerchants(program: Command, state: CliState): void {
  const merchants = program.command('merchants').description('the merchant registry: names and acquirers printed on slips');
  merchants
    .command('set <merchant-id>')
    .description('add or change a merchant (商户号), and assign terminals to it; the change goes into the audit log')
    .option('--name <name>', 'registered name, as on the slip (商户名称); required for a new merchant')
    .option('--name-en <name>', 'English name ("" clears it)')
    .option('--acquirer <name>', 'acquirer printed as 收单行, e.g. 银联商务 ("" clears it)')
    .option('--terminal <tids...>', 'terminals (终端号) of this merchant; a terminal listed for another merchant moves')
    .option('--db <path>', DB_HELP)
    .action(async (merchantId: string, o: SetFlags) => {
      const r = await setMerchant(
        dbPath(o.db),
        {
          merchantId,
          ...(o.name === undefined ? {} : { name: o.name }),
          ...(o.nameEn === undefined ? {} : { nameEn: o.nameEn }),
          ...(o.acquirer === undefined ? {} : { acquirer: o.acquirer }),
          terminals: o.terminal ?? [],
        },
        state.ctx,
      );
      for (const m of r.moved) err(`terminal ${m.terminalId} moved from merchant ${m.from} to ${merchantId}`);
      out(`${r.created ? 'added' : 'updated'} ${line(r.merchant)}`);
    });
  merchants
    .command('list')
    .description('list the registered merchants and their terminals')
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { json?: boolean; db?: string }) => {
      const rows = await listMerchants(dbPath(o.db));
      for (const m of rows) out(o.json ? JSON.stringify(m) : line(m));
      if (!o.json) out(`${rows.length} merchants`);
    });
}

function line(m: { merchantId: string; name: string; nameEn: string | null; acquirer: string | null; terminals: string[] }): string {
  return [m.merchantId, m.name, m.nameEn ?? '-', m.acquirer ?? '-', m.terminals.join(',') || '-'].join('  ');
}
