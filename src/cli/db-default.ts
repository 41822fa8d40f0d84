import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The database for `slips` and `merchants`: --db, then $POSRECON_DB, then ./posrecon.db if it exists, then
 * out/posrecon.db if it exists (where `npm start` and `posrecon run --out out` put it), else ./posrecon.db.
 * The fallback lets `npx posrecon slips --out out/slips` work right after `npm start` in the repository.
 */
export function existingDbPath(option: string | undefined): string {
  // An empty POSRECON_DB counts as unset, as in options.ts.
  const given = option || process.env['POSRECON_DB'];
  if (given) return resolve(given);
  const found = ['posrecon.db', join('out', 'posrecon.db')].find((p) => existsSync(p));
  return resolve(found ?? 'posrecon.db');
}

export const EXISTING_DB_HELP = 'SQLite database (default: $POSRECON_DB, else ./posrecon.db, else out/posrecon.db)';
