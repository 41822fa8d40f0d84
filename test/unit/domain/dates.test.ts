import { describe, expect, it } from 'vitest';
import { addDays, parseDate, parseDateTime, parseTime } from '../../../src/domain/dates.js';

describe('dates', () => {
  it.each(['2026-03-08', '2026/03/08', '20260308', '2026-3-8'])('reads %s', (t) => {
    expect(parseDate(t)).toEqual({ ok: true, value: '2026-03-08' });
  });

  it.each(['2026-02-30', '2026-13-01', '08/03/2026', ''])('rejects %j', (t) => {
    expect(parseDate(t).ok).toBe(false);
  });

  it.each([
    ['21:47:05', '21:47:05'],
    ['214705', '21:47:05'],
    ['94705', '09:47:05'],
    ['9:47:05', '09:47:05'],
  ])('time %s → %s', (t, v) => {
    expect(parseTime(t)).toEqual({ ok: true, value: v });
  });

  it('rejects 24:00:00', () => {
    expect(parseTime('24:00:00').ok).toBe(false);
  });

  it.each(['2026-03-08 21:47:05', '2026/03/08T21:47:05', '20260308214705'])('date-time %s', (t) => {
    expect(parseDateTime(t)).toEqual({ ok: true, value: { date: '2026-03-08', time: '21:47:05' } });
  });

  it('adds days across month and year ends', () => {
    expect(addDays(parseOk('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(parseOk('2024-02-28'), 1)).toBe('2024-02-29');
  });
});

function parseOk(t: string) {
  const r = parseDate(t);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
