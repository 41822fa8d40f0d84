import { describe, expect, it } from 'vitest';
import { buildCoverage, covers, kindsOf, type CoverageLine } from '../../../src/match/coverage.js';
import type { MatchTxn } from '../../../src/match/types.js';

const record = (r: Partial<MatchTxn>): MatchTxn =>
  ({ id: 1, merchantId: 'M1', terminalId: 'T1', batchNo: null, traceNo: null, rrn: null, cardMasked: null, cardLast4: null, txnType: 'SALE',
    direction: 'debit', amountFen: 100, txnDate: '2026-03-09', txnTime: '10:00:00', origTraceNo: null, origRrn: null, orderNo: null,
    rawSha256: '', at: 0, ...r }) as MatchTxn;
const CARD = record({ cardLast4: '0101', rrn: '030910000201' });
const QR = record({ orderNo: 'A1' });
const BOTH = record({ cardLast4: '0101', orderNo: 'A1' });
const line = (l: Partial<CoverageLine>): CoverageLine => ({ fileId: 1, merchantId: null, terminalId: 'T1', settleDate: '2026-03-09', kind: 'wallet', ...l });
const journal = [{ terminalId: 'T1', merchantId: 'M1', txnDate: '2026-03-09' }, { terminalId: 'T2', merchantId: 'M2', txnDate: '2026-03-09' }];

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
    ['a wallet bill without merchant id does not cover card payments', [line({})], CARD, false],
    ['it covers the wallet payments of the terminal it names', [line({})], QR, true],
    ['and of the other terminals of that terminal’s merchant', [line({})], record({ orderNo: 'A2', terminalId: 'T3' }), true],
    ['but not another merchant’s', [line({})], record({ orderNo: 'A2', merchantId: 'M2', terminalId: 'T2' }), false],
    ['a card file of the merchant covers its card payments', [line({ kind: 'card', merchantId: 'M1', terminalId: 'T9' })], CARD, true],
    ['a record that could be either waits for either', [line({ kind: 'card', merchantId: 'M1' })], BOTH, true],
    ['a merchant-less record is covered by a file naming its terminal', [line({ kind: 'card' })], record({ ...CARD, merchantId: null }), true],
    ['not by another merchant’s file', [line({ kind: 'card', merchantId: 'M2', terminalId: 'T2' })], record({ ...CARD, merchantId: null }), false],
  ])('%s', (_n, lines, r, expected) => {
    expect(covers(buildCoverage(lines, journal), r, '2026-03-09')).toBe(expected);
  });

  it('a line naming neither merchant nor terminal covers the terminals that paired its file’s lines', () => {
    const lines = [line({ terminalId: '' })];
    expect(covers(buildCoverage(lines, journal), QR, '2026-03-09')).toBe(false);
    expect(covers(buildCoverage(lines, journal, new Map([[1, new Set(['T1'])]])), QR, '2026-03-09')).toBe(true);
  });
});
