import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/slip/wrap.js';

/** A monospace stand-in for the font: CJK two units wide, everything else one. */
const measure = (s: string): number => [...s].reduce((n, ch) => n + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1), 0);

describe('wrapText', () => {
  it.each([
    ['fits', '商户名称(MERCHANT NAME):', 40, ['商户名称(MERCHANT NAME):']],
    ['breaks at a space, not inside a word', 'ORIGINAL SIGNATURE NOT AVAILABLE', 20, ['ORIGINAL SIGNATURE', 'NOT AVAILABLE']],
    ['breaks between Chinese characters', '据收单结算文件重打', 10, ['据收单结算', '文件重打']],
    ['keeps a comma with the character before it', '电子副本,非原始签购单', 10, ['电子副本,', '非原始签购', '单']],
    ['cuts a word wider than the line', '030810000116030810000116', 10, ['0308100001', '1603081000', '0116']],
    ['an empty text is one empty row', '', 10, ['']],
  ])('%s', (_what, text, width, rows) => {
    expect(wrapText(text, width, measure)).toEqual(rows);
  });

  it('never makes a row wider than the line, and loses no character but spaces', () => {
    const chars = fc.constantFrom('a', 'B', '7', ' ', '(', ')', '商', '户', '号', ',', '/');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join('')), fc.integer({ min: 2, max: 30 }), (text, width) => {
        const rows = wrapText(text, width, measure);
        for (const row of rows) expect(measure(row)).toBeLessThanOrEqual(width);
        expect(rows.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
