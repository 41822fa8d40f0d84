import { parseDate, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { SETTLEMENT_FORMATS, type SettlementFormat } from './formats/types.js';
import type { SinkEncoding } from './sink.js';

export interface GenerateOptions {
  outDir: string;
  seed: number;
  days: number;
  terminals: number;
  perDay: number;
  /** YYYY-MM-DD; default 2026-03-08. */
  startDate?: string;
  /** Encoding of the settlement files; default utf-8. Only the generic CSV has a choice: formats fix their own. */
  settlementEncoding?: SinkEncoding;
  /** Layout of the settlement files; default generic-csv. */
  settlementFormat?: SettlementFormat;
}

export interface ResolvedOptions {
  outDir: string;
  seed: number;
  days: number;
  terminals: number;
  perDay: number;
  startDate: IsoDate;
  settlementEncoding: SinkEncoding;
  settlementFormat: SettlementFormat;
}

/**
 * One settlement stream per day is open during generation (rows arrive terminal by terminal), which is what caps
 * `days`; the terminal cap keeps ids at 8 digits. perDay starts at 1 so every terminal has journal rows every day:
 * a missing_on_terminal case is only that (and not journal_not_imported) when its terminal-day has a journal.
 */
const LIMITS = { days: 366, terminals: 9_999, perDay: 1_000_000 } as const;

/** The `posrecon generate` option of each setting: messages name what the user typed (--per-day, not perDay). */
const OPTION: Readonly<Record<Exclude<keyof GenerateOptions, 'outDir'>, string>> = {
  seed: '--seed',
  days: '--days',
  terminals: '--terminals',
  perDay: '--per-day',
  startDate: '--start',
  settlementEncoding: '--settlement-encoding',
  settlementFormat: '--settlement-format',
};

export function resolveOptions(opts: GenerateOptions): ResolvedOptions {
  if (!Number.isSafeInteger(opts.seed)) throw new UsageError(`${OPTION.seed} ${String(opts.seed)} is not a whole number`);
  for (const key of ['days', 'terminals', 'perDay'] as const) {
    const value = opts[key];
    if (!Number.isInteger(value) || value < 1 || value > LIMITS[key]) {
      throw new UsageError(`${OPTION[key]} ${String(value)} is out of range (expected a whole number from 1 to ${LIMITS[key]})`);
    }
  }
  const startText = opts.startDate ?? '2026-03-08';
  const start = parseDate(startText);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startText) || !start.ok) {
    throw new UsageError(`${OPTION.startDate} "${startText}" is not a date (expected YYYY-MM-DD)`);
  }
  const encoding = opts.settlementEncoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'gbk') {
    throw new UsageError(`${OPTION.settlementEncoding} "${String(encoding)}" is not supported (expected utf-8 or gbk)`);
  }
  const format = opts.settlementFormat ?? 'generic-csv';
  if (!(SETTLEMENT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`${OPTION.settlementFormat} "${String(format)}" is not one the generator writes (expected ${SETTLEMENT_FORMATS.join(', ')})`);
  }
  if (format !== 'generic-csv' && opts.settlementEncoding !== undefined) {
    throw new UsageError(`${format} files have the encoding their acquirer uses; ${OPTION.settlementEncoding} applies to generic-csv only`);
  }
  return {
    settlementFormat: format,
    outDir: opts.outDir,
    seed: opts.seed,
    days: opts.days,
    terminals: opts.terminals,
    perDay: opts.perDay,
    startDate: start.value,
    settlementEncoding: encoding,
  };
}
