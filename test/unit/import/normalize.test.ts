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

/**
 * Regression: a settlement file's pre-auth line (预授权, net 0) was kept and became a "never recorded" case, although
 * pre-auths never settle (domain.md §4.5); only the UnionPay ZM adapter skipped them.
 */
describe('pre-authorisations in a settlement file', () => {
  it.each(['预授权', 'AUTH', 'pre-auth'])('a settlement row of type %s is skipped with its reason, and counts as accounted for', (type) => {
    const n = normalizeSettlement({ ...SALE, txn_type: type, fee: '0.00', net_amount: '0.00' }, { cutoff: '23:00' });
    expect(n).toEqual({ kind: 'skip', reason: expect.stringContaining('pre-authorisation (预授权)') as string, accounted: true });
  });

  it('keeps completions, and keeps pre-auths in a terminal journal (completions are paired with them)', () => {
    expect(settlement({ txn_type: '预授权完成' }).txnType).toBe('COMPLETION');
    expect(terminal({ txn_type: '预授权' }).txnType).toBe('AUTH');
  });
});

/** Regression: a card number copied from a slip with its entry-mode letter was rejected (domain.md §2.5). */
it('imports a card number in the slip form 621669*********9200 /C', () => {
  expect(settlement({ card_no: '621669*********9200 /C' })).toMatchObject({ cardMasked: '621669*********9200', cardLast4: '9200' });
});

/** Regression: 原交易日期 printed as a slip prints it (MMDD, domain.md §7.3) rejected the refund row. */
describe('original date written MMDD', () => {
  const refund = (txn_date: string, orig_date: string): FieldMap => ({ txn_type: '退货', txn_date, orig_date });
  it.each([
    ['2026-03-09', '0307', '2026-03-07'],
    ['2026-03-09', '0309', '2026-03-09'],
    ['2026-01-04', '1228', '2025-12-28'],
    ['2026-03-09', '2026-03-01', '2026-03-01'],
  ])('a refund of %s citing %s cites %s', (txnDate, orig, expected) => {
    expect(terminal(refund(txnDate, orig)).origDate).toBe(expected);
  });

  it('rejects a month or day that does not exist, naming the column', () => {
    const n = normalizeTerminal({ ...SALE, ...refund('2026-03-09', '1332') });
    expect(n.kind === 'reject' && n.reason).toMatch(/orig_date: "1332" is not a date/);
  });
});
