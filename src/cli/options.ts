import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
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

/**
 * --db, then $POSRECON_DB, then the fallback when one is given (run: <out>/posrecon.db); otherwise
 * ./posrecon.db if it exists, then out/posrecon.db if it exists (where `npm start` and `run --out out` put
 * it, so `npx posrecon cases` works right after `npm start`), else ./posrecon.db.
 */
export function dbPath(option: string | undefined, fallback?: string): string {
  // An empty POSRECON_DB counts as unset, as shells commonly leave it.
  const given = option || process.env['POSRECON_DB'] || fallback;
  if (given) return resolve(given);
  const found = ['posrecon.db', join('out', 'posrecon.db')].find((p) => existsSync(p));
  return resolve(found ?? 'posrecon.db');
}

export const DB_HELP = 'SQLite database (default: $POSRECON_DB, else ./posrecon.db, else out/posrecon.db if it exists)';

/** "YYYY-MM-DD HH:mm" in Beijing time, for options that fix a printed time so output can be reproduced. */
export function parseBeijingMinute(flag: string, text: string): { text: string; date: Date } {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  const date = m ? new Date(`${m[1]}T${m[2]}:00+08:00`) : new Date(Number.NaN);
  if (!m || Number.isNaN(date.getTime())) throw new UsageError(`${flag} "${text}" is not a time (expected "YYYY-MM-DD HH:mm", Beijing time)`);
  return { text: `${m[1]} ${m[2]}`, date };
}

const COLLECTING = new WeakSet<object>();
const GUARDED = new WeakSet<Command>();

/**
 * The parser of an option that may be given several times: every value is kept, in order
 * (`--rrn A --rrn B` → ['A', 'B']), and refuseRepeatedValues lets the option through.
 */
export function repeatable<T>(parse: (text: string) => T): (text: string, previous: readonly T[] | undefined) => T[] {
  const collect = (text: string, previous: readonly T[] | undefined): T[] => [...(previous ?? []), parse(text)];
  COLLECTING.add(collect);
  return collect;
}

/**
 * Commander keeps only the last value of an option given twice, so `evidence --case A --case B` quietly acted
 * on B alone. Every option of `cmd` and its subcommands that takes one value is refused a second time (exit 2);
 * flags, variadic options and `repeatable` ones are left alone. `hints` adds advice per flag (`--case`: what
 * to do instead).
 */
export function refuseRepeatedValues(cmd: Command, hints: Readonly<Record<string, string>> = {}): Command {
  if (GUARDED.has(cmd)) return cmd;
  GUARDED.add(cmd);
  for (const o of cmd.options) {
    if (o.isBoolean() || o.variadic || (o.parseArg && COLLECTING.has(o.parseArg))) continue;
    const flag = o.long ?? o.flags;
    // Prepended, so it runs before commander stores the second value: the stored one still tells what came first.
    // (Command is an EventEmitter; commander's typings declare only on().)
    (cmd as unknown as EventEmitter).prependListener(`option:${o.name()}`, (text: string) => {
      if (cmd.getOptionValueSource(o.attributeName()) !== 'cli') return;
      const before: unknown = cmd.getOptionValue(o.attributeName());
      const values = typeof before === 'string' || typeof before === 'number' ? ` ("${before}", then "${text}")` : '';
      throw new UsageError(`${flag} is given more than once${values}; it takes one value`, hints[flag]);
    });
  }
  for (const sub of cmd.commands) refuseRepeatedValues(sub, hints);
  return cmd;
}
