/** The passes issue 3 added: files without RRN or batch (UnionPay ZM), and QR / online rows (WeChat, Alipay). */
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/domain/dates.js';
import { planMatches } from '../../../src/match/engine.js';
import type { MatchSettlement, MatchTerminal, MatchTxn } from '../../../src/match/types.js';

let nextId = 1;
function txn(over: Partial<MatchTxn> & { time: string }): MatchTxn {
  const { time, ...rest } = over;
  const date = (rest.txnDate ?? '2026-03-08') as IsoDate;
  return {
    id: nextId++,
    merchantId: null,
    terminalId: '10012345',
    batchNo: null,
    traceNo: null,
    rrn: null,
    cardMasked: null,
    cardLast4: null,
    txnType: 'SALE',
    direction: 'debit',
    amountFen: 10_000,
    txnDate: date,
    txnTime: time,
    origTraceNo: null,
    origRrn: null,
    orderNo: null,
    rawSha256: `h${nextId}`,
    at: Date.parse(`${date}T${time}Z`) / 1000,
    ...rest,
  };
}
const term = (o: Partial<MatchTerminal> & { time: string }): MatchTerminal => ({ responseCode: '00', status: 'SUCCESS', ...txn(o), ...(o.status ? { status: o.status } : {}) });
const settle = (o: Partial<MatchSettlement> & { time: string }): MatchSettlement => ({ settleDate: '2026-03-08' as IsoDate, ...txn(o) });

describe('files without RRN or batch', () => {
  it('pairs by terminal, trace and time even when the amounts differ, so the difference shows as amount_mismatch', () => {
    const t = term({ traceNo: '000114', rrn: '030810000114', batchNo: '000001', amountFen: 90_000, time: '10:00:00' });
    const s = settle({ traceNo: '000114', amountFen: 85_000, time: '10:00:04' });
    const [p] = planMatches([t], [s]);
    expect(p?.pass).toBe('trace_time');
    expect(p?.signals).toMatchObject({ trace: true, amountEqual: false, carriedBy: ['terminal', 'trace', 'time ±1800 s'] });
  });

  it('does not pair the same trace hours apart (traces wrap)', () => {
    const t = term({ traceNo: '000114', amountFen: 90_000, time: '08:00:00' });
    const s = settle({ traceNo: '000114', amountFen: 85_000, time: '10:00:00' });
    expect(planMatches([t], [s])).toEqual([]);
  });

  it('pairs a void line with the journal void through the original trace when its own trace differs', () => {
    const sale = term({ traceNo: '000112', amountFen: 70_000, time: '10:00:00' });
    const v = term({ traceNo: '000113', origTraceNo: '000112', txnType: 'VOID', direction: 'credit', amountFen: 70_000, time: '10:20:00' });
    const saleLine = settle({ traceNo: '000112', amountFen: 70_000, time: '10:00:01' });
    const voidLine = settle({ traceNo: '990113', origTraceNo: '000112', txnType: 'VOID', direction: 'credit', amountFen: 70_000, time: '10:20:02' });
    const pairs = planMatches([sale, v], [saleLine, voidLine]);
    expect(pairs.map((p) => [p.terminal.id, p.settlement.id, p.pass])).toEqual([
      [sale.id, saleLine.id, 'trace_amount_date'],
      [v.id, voidLine.id, 'orig_trace'],
    ]);
    expect(pairs[1]?.signals.origTrace).toBe(true);
  });
});

describe('QR and online payments', () => {
  it('pairs by merchant order number, whatever the amount, and a refund with the refund', () => {
    const sale = term({ orderNo: 'P100', traceNo: '000001', amountFen: 5_000, time: '12:00:00' });
    const refund = term({ orderNo: 'P100', traceNo: '000009', txnType: 'REFUND', direction: 'credit', amountFen: 2_000, time: '15:00:00' });
    const row = settle({ orderNo: 'P100', terminalId: '', amountFen: 4_900, time: '12:00:03' });
    const refundRow = settle({ orderNo: 'P100', terminalId: '', txnType: 'REFUND', direction: 'credit', amountFen: 2_000, time: '15:00:01' });
    const pairs = planMatches([sale, refund], [row, refundRow]);
    expect(pairs.map((p) => [p.terminal.id, p.settlement.id, p.pass])).toEqual([
      [sale.id, row.id, 'order_no'],
      [refund.id, refundRow.id, 'order_no'],
    ]);
    expect(pairs[0]?.signals).toMatchObject({ orderNo: true, terminalEqual: null, amountEqual: false });
  });

  it('refuses an order number on two different terminals', () => {
    const t = term({ orderNo: 'P7', terminalId: '10012345', time: '12:00:00' });
    const s = settle({ orderNo: 'P7', terminalId: '10099999', time: '12:00:00' });
    expect(planMatches([t], [s])).toEqual([]);
  });

  it('failing the order number, pairs by terminal, amount and time when there is exactly one candidate', () => {
    const t = term({ amountFen: 3_388, time: '12:00:00' });
    const other = term({ amountFen: 3_388, terminalId: '10012346', time: '12:00:30' });
    const s = settle({ amountFen: 3_388, time: '12:01:00' });
    const [p] = planMatches([t, other], [s]);
    expect(p).toMatchObject({ pass: 'qr_amount_time', terminal: { id: t.id } });
    expect(p?.signals.carriedBy).toEqual(['terminal', 'amount', 'time ±180 s', 'only candidate']);
  });

  it('leaves a row with no terminal unmatched when two journal rows fit it', () => {
    const a = term({ amountFen: 3_388, time: '12:00:00' });
    const b = term({ amountFen: 3_388, terminalId: '10012346', time: '12:00:30' });
    const s = settle({ amountFen: 3_388, terminalId: '', time: '12:01:00' });
    expect(planMatches([a, b], [s])).toEqual([]);
  });

  it('never pairs two different order numbers by amount and time', () => {
    const t = term({ orderNo: 'A', amountFen: 3_388, time: '12:00:00' });
    const s = settle({ orderNo: 'B', amountFen: 3_388, time: '12:00:10' });
    expect(planMatches([t], [s])).toEqual([]);
  });
});

describe('a timed-out attempt and its approved re-swipe', () => {
  it('the settled line goes to the approved re-swipe, even when the attempt came first and is as close to it', () => {
    const card = { cardMasked: '623668******4323', cardLast4: '4323', amountFen: 25_000 };
    const attempt = term({ ...card, traceNo: '000201', status: 'TIMEOUT', responseCode: '98', time: '10:00:00' });
    const again = term({ ...card, traceNo: '000202', rrn: '030810000202', time: '10:01:30' });
    const line = settle({ ...card, time: '10:00:45' });
    const pairs = planMatches([attempt, again], [line]);
    expect(pairs.map((p) => [p.terminal.id, p.pass])).toEqual([[again.id, 'card_amount_time']]);
  });

  it('a QR row goes to the approved scan when a failed one fits as well', () => {
    const attempt = term({ status: 'TIMEOUT', responseCode: '98', time: '10:00:00' });
    const again = term({ time: '10:01:00' });
    const row = settle({ terminalId: '', time: '10:01:02' });
    expect(planMatches([attempt, again], [row]).map((p) => [p.terminal.id, p.pass])).toEqual([[again.id, 'qr_amount_time']]);
  });
});
