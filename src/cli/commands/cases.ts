import type { Command } from 'commander';
import { listCases } from '../../app/list-cases.js';
import { CATEGORIES, isCategory, type Category } from '../../domain/categories.js';
import { UsageError } from '../../domain/errors.js';
import { formatYuan } from '../../domain/money.js';
import { DB_HELP, dbPath } from '../options.js';
import { out } from '../output.js';
import type { CliState } from '../state.js';

export function parseCategory(text: string): Category {
  if (isCategory(text)) return text;
  throw new UsageError(`unknown category "${text}"`, `categories: ${CATEGORIES.join(', ')}`);
}

export function registerCases(program: Command, _state: CliState): void {
  program
    .command('cases')
    .description('list the cases of the last match')
    .option('--category <category>', 'only this category', parseCategory)
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { category?: Category; json?: boolean; db?: string }) => {
      const rows = await listCases(dbPath(o.db), o.category);
      for (const c of rows) {
        if (o.json) out(JSON.stringify(c));
        else out([c.id, c.category, c.terminal_id, c.trace_no ?? '-', `${c.txn_date} ${c.txn_time}`, formatYuan(c.amount_fen).padStart(10), c.rrn ?? '-'].join('  '));
      }
      if (!o.json) out(`${rows.length} cases`);
    });
}
