import type { ParseResult } from './money.js';

/** 'YYYY-MM-DD', local (Asia/Shanghai) calendar date as printed by terminals and acquirers. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };
/** 'HH:MM:SS', local time. */
export type IsoTime = string & { readonly __brand: 'IsoTime' };

const DATE = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = /^(\d{1,2}):?(\d{2}):?(\d{2})$/;

export function parseDate(text: string): ParseResult<IsoDate> {
  const t = text.trim();
  const m = DATE_COMPACT.exec(t) ?? DATE.exec(t);
  if (!m) return { ok: false, reason: `date "${text}" is not a date (expected YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)` };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { ok: false, reason: `date "${text}" does not exist in the calendar` };
  }
  return { ok: true, value: `${m[1]}-${pad2(mo)}-${pad2(d)}` as IsoDate };
}

export function parseTime(text: string): ParseResult<IsoTime> {
  const t = text.trim();
  const m = TIME.exec(t.length === 5 && /^\d+$/.test(t) ? `0${t}` : t);
  if (!m) return { ok: false, reason: `time "${text}" is not a time (expected HH:mm:ss or HHmmss)` };
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3]);
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `time "${text}" is out of range` };
  return { ok: true, value: `${pad2(h)}:${pad2(mi)}:${pad2(s)}` as IsoTime };
}

/** One column holding both: "2024-03-08 21:47:05", "2024/03/08T21:47:05", "20240308214705". */
export function parseDateTime(text: string): ParseResult<{ date: IsoDate; time: IsoTime }> {
  const t = text.trim();
  const compact = /^(\d{8})(\d{6})$/.exec(t);
  const parts = compact ? [compact[1] ?? '', compact[2] ?? ''] : t.split(/[ T]+/);
  if (parts.length !== 2) {
    return { ok: false, reason: `date-time "${text}" is not a date and a time (expected YYYY-MM-DD HH:mm:ss)` };
  }
  const date = parseDate(parts[0] ?? '');
  if (!date.ok) return date;
  const time = parseTime(parts[1] ?? '');
  if (!time.ok) return time;
  return { ok: true, value: { date: date.value, time: time.value } };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return t.toISOString().slice(0, 10) as IsoDate;
}

function pad2(n: number): string {
  return n.toString().padStart(2, '0');
}
