import { describe, expect, it } from 'vitest';
import type { FieldMap } from '../../../src/import/fields.js';
import { normalizeSettlement, normalizeTerminal } from '../../../src/import/normalize.js';

const SALE: FieldMap = {
  terminal_id: '10012345', trace_no: '000457', txn_type: '消费', amount: '328.00',
  txn_date: '2026-03-09', txn_time: '21:47:05', response_code: '00',
};

function terminal(fields: FieldMap) {
  const n = normalizeTerminal({ ...SALE, ...fields });
  if (n.kind !== 'record') throw new Error(`expected a record, got ${n.kind}: ${n.reason}`);
  return n.record;
}

function settlement(fields: FieldMap, terminalOptional = false) {
  const n = normalizeSettlement({ ...SALE, ...fields }, { cutoff: '23:00', terminalOptional });
  if (n.kind !== 'record') throw new Error(`expected a record, got ${n.kind}: ${n.reason}`);
  return n.record;
}

/**
 * Regression: a spreadsheet turns terminal id 01080209 into 1080209; the comment said ids were padded back, but only
 * batch and trace were, so such a journal never paired with its settlement file.
 */
describe('identifiers that lost their leading zeros', () => {
  it.each([
    ['1080209', '01080209'],
    ['01080209', '01080209'],
    ['123', '00000123'],
    ['T1080209', 'T1080209'],
    ['123456789', '123456789'],
  ])('terminal id %s is stored as %s on both sides', (tid, stored) => {
    expect(terminal({ terminal_id: tid }).terminalId).toBe(stored);
    expect(settlement({ terminal_id: tid }).terminalId).toBe(stored);
  });

  it('keeps an empty terminal id empty where the format allows it (QR bills)', () => {
    expect(settlement({ terminal_id: '' }, true).terminalId).toBe('');
  });

  it.each([
    ['30819618128', '030819618128'],
    ['030819618128', '030819618128'],
    ['1234567890', '1234567890'],
    ['A3081961812', 'A3081961812'],
  ])('reference number %s is stored as %s, and so is the original reference', (rrn, stored) => {
    const r = terminal({ rrn, orig_rrn: rrn });
    expect([r.rrn, r.origRrn]).toEqual([stored, stored]);
    expect(settlement({ rrn }).rrn).toBe(stored);
  });
});
