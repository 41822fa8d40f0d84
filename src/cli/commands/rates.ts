import type { Command } from 'commander';
import { importRates, listRates, removeRate, setRate } from '../../app/rates.js';
import { formatYuan } from '../../domain/money.js';
import { describeRule, type RateRule } from '../../match/fees.js';
import { DB_HELP, dbPath, parsePositiveInt } from '../options.js';
import { out, showPath } from '../output.js';
import type { CliState } from '../state.js';

interface SetFlags {
  merchant: string;
  terminal?: string;
  channel?: string;
  cardType?: string;
  rate: string;
  cap?: string;
  min?: string;
  from?: string;
  db?: string;
}

function saved(r: { rule: RateRule; replaced: RateRule | null }): string {
  return `${r.replaced ? 'replaced' : 'added'} ${describeRule(r.rule)}`;
}

export function registerRates(program: Command, state: CliState): void {
  const rates = program
    .command('rates')
    .description('the rate card fees are checked against at every match (fee_mismatch cases)');
  rates
    .command('set')
    .description('add a rate, or replace the one with the same merchant, terminal, channel, card type and valid-from')
    .requiredOption('--merchant <mid>', 'merchant id')
    .option('--terminal <tid>', 'only this terminal (default: any)')
    .option('--channel <channel>', 'card or qr (default: any)')
    .option('--card-type <type>', 'debit, credit or foreign (default: any)')
    .requiredOption('--rate <rate>', 'like 0.55% or 0.0055')
    .option('--cap <yuan>', 'most a transaction pays, e.g. 20.00 for debit cards')
    .option('--min <yuan>', 'least a transaction pays')
    .option('--from <YYYY-MM-DD>', 'valid from this transaction date (default: always)')
    .option('--db <path>', DB_HELP)
    .action(async (o: SetFlags) => {
      const r = await setRate(
        dbPath(o.db),
        { merchant_id: o.merchant, terminal_id: o.terminal, channel: o.channel, card_type: o.cardType, rate: o.rate, cap: o.cap, min: o.min, valid_from: o.from },
        state.ctx,
      );
      out(saved(r));
      out('match again to check fees with it: posrecon match');
    });
  rates
    .command('import')
    .description('load rates from a JSON rate card: {"rates": [{"merchant_id", "card_type", "rate", "cap", "valid_from"}, …]}')
    .argument('<file>', 'JSON file')
    .option('--db <path>', DB_HELP)
    .action(async (file: string, o: { db?: string }) => {
      const rs = await importRates(dbPath(o.db), file, state.ctx);
      for (const r of rs) out(saved(r));
      out(`${rs.length} rates from ${showPath(file)}; match again to check fees with them`);
    });
  rates
    .command('list', { isDefault: true })
    .description('list the rate card')
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { json?: boolean; db?: string }) => {
      const rules = await listRates(dbPath(o.db));
      for (const r of rules) {
        if (o.json) out(JSON.stringify(r));
        else out(`#${r.id}  ${r.merchantId}  ${r.terminalId ?? '*'}  ${r.channel ?? '*'}  ${r.cardType ?? '*'}  ${(r.ratePpm / 10_000).toFixed(4)}%  cap ${r.capFen === null ? '-' : formatYuan(r.capFen)}  min ${r.minFen === null ? '-' : formatYuan(r.minFen)}  from ${r.validFrom}`);
      }
      if (!o.json) out(`${rules.length} rates`);
    });
  rates
    .command('remove')
    .description('remove a rate by its number (see rates list)')
    .argument('<id>', 'rate number', parsePositiveInt('rate number'))
    .option('--db <path>', DB_HELP)
    .action(async (id: number, o: { db?: string }) => {
      out(`removed ${describeRule(await removeRate(dbPath(o.db), id, state.ctx))}`);
    });
}
