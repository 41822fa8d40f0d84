/**
 * Regression: a file of which not one row could be read was refused with the first row's reason alone
 * (`not one of 2 rows could be read as generic-csv (line 2: …)`), often a symptom that said nothing of the others,
 * and a hint that helped only when the format was wrong.
 */
import { describe, expect, it } from 'vitest';
import { noRowReadError } from '../../../src/app/import-rows.js';

const AMOUNT = (v: string): string => `amount: amount "${v}" is not a number in yuan (expected like 328.00 or 1,328.00)`;

describe('noRowReadError', () => {
  it('shows the first three distinct reasons with their places, and how many others', () => {
    const e = noRowReadError({
      path: 'j.csv',
      read: 7,
      format: 'generic-csv',
      rejected: [
        { line: 2, reason: AMOUNT('3O0') },
        { line: 3, reason: AMOUNT('1,2,3') },
        { line: 4, reason: 'txn_date: "2026-13-01" is not a date' },
        { line: 5, reason: 'txn_type: "X" is not a known type' },
        { line: 6, reason: 'quote opened in column 2 is never closed', where: '!inner.csv:6' },
        { line: 7, reason: 'txn_type: "Y" is not a known type' },
      ],
    });
    expect(e.message).toBe(
      'j.csv: not one of 7 rows could be read as generic-csv, so nothing was imported; 6 rejected, for example:\n' +
        `  line 2: ${AMOUNT('3O0')}\n` +
        '  line 4: txn_date: "2026-13-01" is not a date\n' +
        '  line 5: txn_type: "X" is not a known type\n' +
        '  … and 1 other reason',
    );
    expect(e.hint).toBe('if the format is right, the values above are not in the form generic-csv expects (README "Input columns"); a --profile can describe other forms');
  });

  it('names the options given, so that the one that may be wrong can be left out', () => {
    const e = noRowReadError({
      path: 's.xlsx',
      read: 1,
      format: 'xlsx',
      forcedFormat: 'xlsx',
      forcedEncoding: 'gbk',
      rejected: [{ line: 3, reason: AMOUNT('x'), where: '[Sheet1]!D3' }],
    });
    expect(e.message).toContain('\n  [Sheet1]!D3: amount:');
    expect(e.message).not.toContain('other reason');
    expect(e.hint).toMatch(/^leave out --format xlsx to let posrecon detect the format; or leave out --encoding gbk: .*; or if the format is right, the values above are not in the form xlsx expects/);
  });
});
