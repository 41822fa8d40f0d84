import { describe, expect, it } from 'vitest';
import { formatYuan, parseFen, parseYuan } from '../../../src/domain/money.js';

describe('parseYuan', () => {
  it.each([
    ['328.00', 32800],
    ['1,328.00', 132800],
    ['-12.5', -1250],
    ['¥8', 800],
    ['0.01', 1],
    ['12.34000', 1234],
    ['(5.00)', -500],
    ['1234567.89', 123456789],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it.each(['', '12.x', '1.234', '1,23.00', 'abc', '--1'])('rejects %j with a reason', (text) => {
    const r = parseYuan(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(JSON.stringify(text));
  });

  it('never goes through a float: 0.1 + 0.2 style values stay exact', () => {
    expect(parseYuan('0.29')).toEqual({ ok: true, value: 29 });
    expect(parseYuan('1.15')).toEqual({ ok: true, value: 115 });
  });
});

describe('parseFen and formatYuan', () => {
  it('parses fen integers', () => {
    expect(parseFen('32800')).toEqual({ ok: true, value: 32800 });
    expect(parseFen('3.5').ok).toBe(false);
  });

  it.each([
    [32800, '328.00'],
    [1, '0.01'],
    [-1250, '-12.50'],
    [0, '0.00'],
  ])('%i → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('round-trips', () => {
    for (const fen of [0, 1, 99, 100, 123456789, -5]) {
      const r = parseYuan(formatYuan(fen));
      expect(r).toEqual({ ok: true, value: fen });
    }
  });
});
