import { resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { Side } from '../domain/record.js';

export const DEFAULT_CUTOFF = '23:00';

/** "23:00" → "23:00:00", the form settlement-day arithmetic compares against. */
export function parseCutoff(text: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UsageError(`--cutoff "${text}" is not a time of day (expected HH:mm, e.g. 23:00)`);
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2]}:00`;
}

export function parseSide(text: string): Side {
  if (text === 'terminal' || text === 'settlement') return text;
  throw new UsageError(`--side "${text}" is not a side (expected terminal or settlement)`);
}

export function parsePositiveInt(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} "${text}" is not a whole number`);
    return n;
  };
}

/** --db, then POSRECON_DB, then the fallback (./posrecon.db, or <out>/posrecon.db for run). */
export function dbPath(option: string | undefined, fallback = 'posrecon.db'): string {
  // An empty POSRECON_DB counts as unset, as shells commonly leave it.
  return resolve(option || process.env['POSRECON_DB'] || fallback);
}

export const DB_HELP = 'SQLite database (default: $POSRECON_DB or ./posrecon.db)';
