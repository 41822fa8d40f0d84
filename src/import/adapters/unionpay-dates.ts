import { memo } from '../memo.js';

/** The clearing day a UnionPay file belongs to, and the year its MMDDhhmmss times are read in. */
export interface ClearingDay {
  /** YYYY-MM-DD, or null when only --year is known. */
  date: string | null;
  /** Where the date came from, for messages. */
  from: string;
  year: number;
}

/** INN150905 88 ZM_… (yyMMdd) or …_20150905.zip (yyyyMMdd): the clearing date UnionPay names its files with. */
export function clearingDateOf(name: string): { date: string; from: string } | null {
  const inn = /INN(\d{2})(\d{2})(\d{2})\d{2}ZME?_/i.exec(name);
  if (inn) return valid(`20${inn[1]}`, inn[2], inn[3], 'the file name');
  const long = /(?:^|[_\-/])(\d{4})(\d{2})(\d{2})(?:\.zip)?$/i.exec(name);
  return long ? valid(long[1], long[2], long[3], 'the file name') : null;
}

function valid(y = '', m = '', d = '', from: string): { date: string; from: string } | null {
  const date = `${y}-${m}-${d}`;
  const t = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== date ? null : { date, from };
}

export function yearFor(date: string, forced: number | undefined): number {
  return forced ?? Number(date.slice(0, 4));
}

/**
 * "0906" on clearing day 2015-09-05 → "2015-09-06". A time in December on a January clearing day is from the year
 * before, and the other way round: transactions are never more than a few days from their clearing day.
 */
export function dateOfMmdd(mmdd: string, day: ClearingDay): string | null {
  let dated = byDay.get(day);
  if (!dated) {
    dated = memo((text) => readMmdd(text, day));
    byDay.set(day, dated);
  }
  return dated(mmdd);
}

/** A file's records fall on a few days: each MMDD is read once per clearing day, not once per record. */
const byDay = new WeakMap<ClearingDay, (mmdd: string) => string | null>();

function readMmdd(mmdd: string, day: ClearingDay): string | null {
  const m = /^(\d{2})(\d{2})$/.exec(mmdd);
  if (!m) return null;
  const month = Number(m[1]);
  let year = day.year;
  if (day.date) {
    const clearingMonth = Number(day.date.slice(5, 7));
    if (month - clearingMonth > 6) year--;
    else if (clearingMonth - month > 6) year++;
  }
  const v = valid(String(year), m[1], m[2], '');
  return v ? v.date : null;
}
