/** The built-in xlsx format: an Excel statement whose header names its columns needs no profile. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

async function workbook(rows: unknown[][]): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-xlsx-')), 'statement.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('xlsx without a profile', () => {
  it('finds the header under a title block, reads serial dates and text numbers, checks the 合计 row', async () => {
    const path = await workbook([
      ['POS 结算明细 2026-03-08'],
      [],
      ['清算日期', '终端号', '凭证号', '参考号', '卡号', '交易类型', '交易金额', '手续费', '结算金额', '交易日期', '交易时间'],
      ['2026-03-08', '10012345', '000101', '030810000101', '622588******0101', '消费', '1,200.00', '6.00', '1,194.00', 46089, '10:00:00'],
      ['2026-03-08', '10012345', '000102', '030810000102', '622588******0102', '退货', '200.00', '1.00', '-199.00', 46089, '11:00:00'],
      ['合计', '', '', '', '', '', '1,400.00', '7.00', '995.00'],
    ]);
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect([r.format, r.side]).toEqual(['xlsx', 'settlement']);
    expect(r.counts).toEqual({ read: 6, imported: 2, rejected: 0, skipped: 4 });
    expect(r.controls.map((c) => `${c.key} ${c.status}`)).toEqual(['amount agrees', 'fee agrees', 'net_amount agrees']);
    expect(db.prepare('SELECT txn_date, amount_fen, direction FROM settlement_records ORDER BY line').all()).toEqual([
      { txn_date: '2026-03-08', amount_fen: 120_000, direction: 'debit' },
      { txn_date: '2026-03-08', amount_fen: 20_000, direction: 'credit' },
    ]);
    expect(readdirSync(join(path, '..'))).toEqual(['statement.xlsx']);
  });

  it('flags a total row that disagrees with the rows', async () => {
    const path = await workbook([
      ['终端号', '交易金额', '交易日期', '交易时间'],
      ['10012345', '100.00', '2026-03-08', '10:00:00'],
      ['合计', '150.00'],
    ]);
    const r = await importFile(memoryStore(), { path, cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && r.controls).toEqual([expect.objectContaining({ key: 'amount', stated: 15_000, inRows: 10_000, status: 'differs' })]);
  });
});
