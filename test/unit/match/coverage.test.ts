import { describe, expect, it } from 'vitest';
import { buildCoverage, covers, floatingCovered, kindsOf, type JournalDayRow, type SettlementDayRow } from '../../../src/match/coverage.js';
import type { MatchTxn } from '../../../src/match/types.js';

const record = (r: Partial<MatchTxn>): MatchTxn =>
  ({ id: 1, merchantId: 'M1', terminalId: 'T1', batchNo: null, traceNo: null, rrn: null, cardMasked: null, cardLast4: null, txnType: 'SALE',
    direction: 'debit', amountFen: 100, txnDate: '2026-03-09', txnTime: '10:00:00', origTraceNo: null, origRrn: null, orderNo: null,
    rawSha256: '', at: 0, ...r }) as MatchTxn;
const CARD = record({ cardLast4: '0101', rrn: '030910000201' });
const QR = record({ orderNo: 'A1' });
const BOTH = record({ cardLast4: '0101', orderNo: 'A1' });
const DAY = '2026-03-09';
const line = (l: Partial<SettlementDayRow>): SettlementDayRow => ({ fileId: 1, walletBill: false, merchantId: 'M1', settleDate: DAY, ...l });
const journal: JournalDayRow[] = [{ terminalId: 'T1', merchantId: 'M1', txnDate: DAY }, { terminalId: 'T2', merchantId: 'M2', txnDate: DAY }];

describe('settlement coverage per kind of file', () => {
  it.each([
    ['a card record', CARD, ['card']],
    ['a QR record (order number, no card)', QR, ['wallet']],
    ['a record with both', BOTH, ['card', 'wallet']],
    ['a record with neither', record({}), ['card', 'wallet']],
  ])('%s settles in %j files', (_n, r, kinds) => {
    expect(kindsOf(r)).toEqual(kinds);
  });

  it.each([
    ['a wallet bill does not cover card payments', [line({ walletBill: true, merchantId: '' })], CARD, false],
    ['a wallet bill without merchant id covers every merchant’s wallet payments', [line({ walletBill: true, merchantId: '' })], QR, true],
    ['a wallet bill of another merchant id covers none of this one’s', [line({ walletBill: true, merchantId: '1900000109' })], QR, false],
    ['any other file covers the card payments of its merchant', [line({})], CARD, true],
    ['and its wallet payments (a POS + QR statement)', [line({})], QR, true],
    ['but not another merchant’s', [line({ merchantId: 'M2' })], CARD, false],
    ['a file without merchant id covers every merchant', [line({ merchantId: '' })], CARD, true],
    ['a record that could be either is covered by a wallet bill', [line({ walletBill: true, merchantId: '' })], BOTH, true],
    ['a record without merchant id is covered by any file of its kind', [line({ merchantId: 'M2' })], record({ ...CARD, merchantId: null }), true],
    ['not by a wallet bill when it is a card payment', [line({ walletBill: true, merchantId: 'M2' })], record({ ...CARD, merchantId: null }), false],
  ])('%s', (_n, lines, r, expected) => {
    expect(covers(buildCoverage(lines, journal), r, DAY)).toBe(expected);
  });

  it('a wallet bill covers, for wallet payments, the POS merchants whose records paired its lines', () => {
    const bill = [line({ walletBill: true, merchantId: '1900000109' })];
    expect(covers(buildCoverage(bill, journal, [{ fileId: 1, merchantId: 'M1' }]), QR, DAY)).toBe(true);
    expect(covers(buildCoverage(bill, journal, [{ fileId: 1, merchantId: 'M1' }]), CARD, DAY)).toBe(false);
    expect(covers(buildCoverage(bill, journal, [{ fileId: 1, merchantId: 'M2' }]), QR, DAY)).toBe(false);
  });
});

describe('journal coverage of a line naming no terminal', () => {
  const floating = (merchantId: string | null): MatchTxn => record({ terminalId: '', merchantId, orderNo: 'Q1' });
  it.each([
    ['journals of two merchants, a wallet merchant id neither names', journal, floating('1900000109'), false],
    ['journals of two merchants, a line naming one of them', journal, floating('M2'), true],
    ['journals of two merchants, a line naming none', journal, floating(null), false],
    ['journals of one merchant, a line naming none', journal.slice(0, 1), floating(null), true],
    ['journals of one merchant, a line naming another merchant id', journal.slice(0, 1), floating('1900000222'), false],
    ['journals naming no merchant, any line', [{ terminalId: 'T1', merchantId: '', txnDate: DAY }], floating('1900000222'), true],
  ])('%s: covered %s', (_n, j, s, expected) => {
    expect(floatingCovered(buildCoverage([], j), s)).toBe(expected);
  });

  it('the journals of the terminals that paired the wallet merchant’s other such lines decide', () => {
    const j = [...journal, { terminalId: 'T2', merchantId: 'M2', txnDate: '2026-03-10' }];
    const partners = [{ walletMerchantId: '1900000109', terminalId: 'T2' }];
    expect(floatingCovered(buildCoverage([], j, [], partners), { ...floating('1900000109'), txnDate: '2026-03-10' } as MatchTxn)).toBe(true);
    expect(floatingCovered(buildCoverage([], j.slice(0, 2), [], partners), { ...floating('1900000109'), txnDate: '2026-03-10' } as MatchTxn)).toBe(false);
  });
});
