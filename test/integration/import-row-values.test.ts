/**
 * Regressions from a user test: values a spreadsheet or a cut-off file mangles were read as something else, or
 * rejected with a reason that pointed the wrong way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../src/app/import-file.js';
import type { Db } from '../../src/store/open.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

function tmp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-values-')), name);
  writeFileSync(path, content);
  return path;
}

async function load(db: Db, path: string, opts: { side?: 'terminal' | 'settlement'; profile?: string } = {}): Promise<Extract<ImportResult, { status: 'imported' }>> {
  const r = await importFile(db, { path, cutoff: CUTOFF, ...opts }, fixedContext);
  if (r.status !== 'imported') throw new Error(r.status);
  return r;
}

const JOURNAL_HEADER = '终端号,凭证号,参考号,交易类型,交易金额,交易日期,交易时间,应答码';

describe('response codes that lost their leading zero', () => {
  /** Field 39 is two characters; `0` read as is made every approved sale DECLINED, then "timed out but settled". */
  it('reads a one-digit code as two digits: 0 is 00 (approved), 5 is 05 (declined)', async () => {
    const db = memoryStore();
    const path = tmp('journal.csv', [
      JOURNAL_HEADER,
      '10012345,101,030810000101,消费,100.00,2026-03-08,09:00:00,0',
      '10012345,102,030810000102,消费,200.00,2026-03-08,09:10:00,5',
      '10012345,103,030810000103,消费,300.00,2026-03-08,09:20:00,a2',
    ].join('\n'));
    const r = await load(db, path);
    expect(r.counts).toEqual({ read: 4, imported: 3, rejected: 0, skipped: 1 });
    expect(db.prepare('SELECT trace_no, response_code, status FROM terminal_records ORDER BY line').all()).toEqual([
      { trace_no: '000101', response_code: '00', status: 'SUCCESS' },
      { trace_no: '000102', response_code: '05', status: 'DECLINED' },
      { trace_no: '000103', response_code: 'A2', status: 'SUCCESS' },
    ]);
  });
});

describe('the sign of an amount against its type', () => {
  /** `Math.abs` turned a 消费 of -5.00 into a sale of 500 fen. */
  it('rejects a sale printed negative, saying what was expected; a void printed negative is a credit', async () => {
    const db = memoryStore();
    const path = tmp('journal.csv', [
      JOURNAL_HEADER,
      '10012345,101,030810000101,消费,-5.00,2026-03-08,09:00:00,00',
      '10012345,102,030810000102,消费撤销,-7.00,2026-03-08,09:10:00,00',
      '10012345,103,030810000103,退货,8.00,2026-03-08,09:20:00,00',
    ].join('\n'));
    const r = await load(db, path);
    expect(r.counts).toEqual({ read: 4, imported: 2, rejected: 1, skipped: 1 });
    expect(r.rejected).toEqual([
      { line: 2, reason: 'amount: "-5.00" is negative, but "消费" (SALE) takes money from the card (expected a positive amount; only voids and refunds may be negative)' },
    ]);
    expect(db.prepare('SELECT txn_type, direction, amount_fen FROM terminal_records ORDER BY line').all()).toEqual([
      { txn_type: 'VOID', direction: 'credit', amount_fen: 700 },
      { txn_type: 'REFUND', direction: 'credit', amount_fen: 800 },
    ]);
  });

  it('keeps a settlement file whose refunds print a negative amount and net, with or without a type column', async () => {
    const db = memoryStore();
    const typed = tmp('typed.csv', [
      '终端号,凭证号,交易类型,交易金额,手续费,结算金额,交易日期,交易时间',
      '10012345,101,消费,100.00,0.60,99.40,2026-03-08,09:00:00',
      '10012345,102,退货,-100.00,-0.60,-99.40,2026-03-08,09:10:00',
    ].join('\n'));
    const untyped = tmp('untyped.csv', [
      '终端号,凭证号,交易金额,手续费,结算金额,交易日期,交易时间',
      '10012345,103,-50.00,-0.30,-49.70,2026-03-08,09:20:00',
    ].join('\n'));
    expect((await load(db, typed, { side: 'settlement' })).counts.rejected).toBe(0);
    expect((await load(db, untyped, { side: 'settlement' })).counts.rejected).toBe(0);
    expect(db.prepare('SELECT txn_type, direction, amount_fen, net_fen FROM settlement_records ORDER BY trace_no').all()).toEqual([
      { txn_type: 'SALE', direction: 'debit', amount_fen: 10000, net_fen: 9940 },
      { txn_type: 'REFUND', direction: 'credit', amount_fen: 10000, net_fen: -9940 },
      { txn_type: 'REFUND', direction: 'credit', amount_fen: 5000, net_fen: -4970 },
    ]);
  });

  it('rejects a profile row whose direction column contradicts its type, and still counts it in the file\'s totals', async () => {
    const profile = tmp('p.json', JSON.stringify({
      version: 1, name: 'dc', format: 'csv', header: { row: 1 },
      columns: { terminal_id: 'TID', txn_type: 'TYPE', amount: 'AMT', txn_date: 'DATE', txn_time: 'TIME' },
      direction: { column: 'DC', credit: ['C'] },
      totals: { column: 'TID', matches: '^TOTAL' },
    }));
    const path = tmp('s.csv', [
      'TID,TYPE,AMT,DC,DATE,TIME',
      '10012345,SALE,10.00,D,2026-03-08,09:00:00',
      '10012345,REFUND,4.00,C,2026-03-08,09:10:00',
      '10012345,SALE,3.00,C,2026-03-08,09:20:00',
      '10012345,VOID,2.00,D,2026-03-08,09:30:00',
      'TOTAL,,5.00,,,',
    ].join('\n'));
    const r = await load(memoryStore(), path, { profile });
    expect(r.counts).toEqual({ read: 6, imported: 2, rejected: 2, skipped: 2 });
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [4, 'direction "C" contradicts txn_type "SALE", which takes money (a debit) (expected direction anything but "C")'],
      [5, 'direction "D" contradicts txn_type "VOID", which gives money back (a credit) (expected direction one of "C")'],
    ]);
    // 10 − 4 − 3 + 2: the file's rows add up to its total even though two of them were not imported.
    expect(r.controls.find((c) => c.key === 'amount')).toMatchObject({ stated: 500, inRows: 500, imported: 600, status: 'differs' });
  });
});

describe('the sign of an Alipay amount against its 业务类型', () => {
  /** Alipay prints refunds negative; the adapter took the absolute value of any row, so a 交易 of -0.05 was a sale. */
  it('rejects a 交易 printed negative and a 退款 printed positive; the footer still counts them as rows', async () => {
    const row = (kind: string, amount: string, at: string): string =>
      `2019091622001458860515315453\t,order_1\t,${kind}\t,test,2019-09-16 10:55:16,2019-09-16 ${at},store\t,store\t,op\t,T0000001\t,*x\t,${amount},${amount},0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,test`;
    const path = tmp('alipay_业务明细.csv', [
      '#支付宝业务明细查询',
      '#-----------------------------------------业务明细列表----------------------------------------',
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
      row('交易', '0.10', '10:55:23'),
      row('交易', '-0.05', '11:00:00'),
      row('退款', '-0.03', '11:10:00'),
      row('退款', '0.02', '11:20:00'),
      '#-----------------------------------------业务明细列表结束------------------------------------',
      '#交易合计：2笔，商家实收共0.05元，商家优惠共0.00元',
      '#退款合计：2笔，商家实收退款共-0.01元，商家优惠退款共0.00元',
    ].join('\n'));
    const r = await load(memoryStore(), path);
    expect(r.format).toBe('alipay-trade');
    expect(r.counts).toMatchObject({ imported: 2, rejected: 2 });
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [5, '订单金额(元) "-0.05" is negative on a 交易 row (expected positive: Alipay prints only 退款 rows negative)'],
      [7, '订单金额(元) "0.02" is positive on a 退款 row (expected negative: Alipay prints only 退款 rows negative)'],
    ]);
    // The footers add up the file's rows, rejected or not: they agree with the rows, not with what was imported.
    const receipts = r.controls.filter((c) => c.label.includes('商家实收'));
    expect(receipts.map((c) => [c.inRows, c.imported])).toEqual([[5, 10], [-1, -3]]);
  });
});

describe('rows shorter than the header', () => {
  /** A line cut off mid-line said "terminal_id: empty", one missing its last columns "txn_time: empty". */
  it('rejects a row that ends before a required column with its column count', async () => {
    const path = tmp('journal.csv', [
      `商户号,${JOURNAL_HEADER},交易状态,原凭证号,操作员`,
      '898310154110001,10012345,101,030810000101,消费,100.00,2026-03-08,09:00:00,00,成功,,01',
      '898310154110001,10012345,102,030810000102,消费,200.00,2026-03-08',
      '8983101541',
    ].join('\n'));
    const r = await load(memoryStore(), path);
    expect(r.counts).toEqual({ read: 4, imported: 1, rejected: 2, skipped: 1 });
    expect(r.rejected).toEqual([
      { line: 3, reason: '7 columns, but the header has 12; the line ends before the txn_time (交易时间) column (cut off?)' },
      { line: 4, reason: '1 column, but the header has 12; the line ends before the terminal_id (终端号) column (cut off?)' },
    ]);
  });

  it('skips a short sign-on row as any other non-transaction, rather than rejecting it as cut off', async () => {
    const path = tmp('journal.csv', [
      `商户号,${JOURNAL_HEADER},交易状态,原凭证号,操作员`,
      '898310154110001,10012345,101,030810000101,消费,100.00,2026-03-08,09:00:00,00,成功,,01',
      '898310154110001,10012345,102,,签到,0.00',
    ].join('\n'));
    const r = await load(memoryStore(), path);
    expect(r.counts).toEqual({ read: 3, imported: 1, rejected: 0, skipped: 2 });
  });

  it('still imports a row missing only optional columns at the end', async () => {
    const path = tmp('journal.csv', [
      `${JOURNAL_HEADER},原凭证号,操作员`,
      '10012345,101,030810000101,消费,100.00,2026-03-08,09:00:00,00',
    ].join('\n'));
    expect((await load(memoryStore(), path)).counts).toEqual({ read: 2, imported: 1, rejected: 0, skipped: 1 });
  });

  it('does the same for a CSV read through a profile, where a short total row is still a total row', async () => {
    const profile = tmp('p.json', JSON.stringify({
      version: 1, name: 'short', format: 'csv', header: { row: 1 },
      columns: { terminal_id: 'TID', amount: 'AMT', txn_date: 'DATE', txn_time: 'TIME', operator: 'OP' },
      totals: { column: 'TID', matches: '^TOTAL' },
    }));
    const path = tmp('s.csv', ['TID,AMT,DATE,TIME,OP', '10012345,10.00,2026-03-08,09:00:00', '10012345,10.00', 'TOTAL,20.00', '10012345,"5.00,2026-03-08,09:00:00,1'].join('\n'));
    const r = await load(memoryStore(), path, { profile });
    expect(r.counts).toEqual({ read: 5, imported: 1, rejected: 2, skipped: 2 });
    expect(r.rejected).toEqual([
      { line: 3, reason: '2 columns, but the header has 5; the line ends before the txn_date (交易日期) column (cut off?)' },
      { line: 5, reason: 'quote opened in column 2 is never closed' },
    ]);
  });
});
