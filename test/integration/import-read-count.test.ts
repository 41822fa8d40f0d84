import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

const ROWS = [
  ['清算日期', '终端号', '凭证号', '交易类型', '交易金额', '手续费', '结算金额', '交易日期', '交易时间'],
  ['2026-03-08', '10012345', '000101', '消费', '1200.00', '6.00', '1194.00', '2026-03-08', '10:00:00'],
  ['2026-03-08', '10012345', '000102', '退货', '200.00', '1.00', '-199.00', '2026-03-08', '11:00:00'],
];

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'posrecon-count-'));
}

async function counts(path: string, profile?: string) {
  const r = await importFile(memoryStore(), { path, cutoff: CUTOFF, ...(profile ? { profile } : {}) }, fixedContext);
  if (r.status !== 'imported') throw new Error('not imported');
  return r.counts;
}

/**
 * Regression: the same rows were counted three ways: a generic CSV left its header row out of `read` (read 366 =
 * 366 + 0 + 0), the same file through a --profile counted it (read 367 = 366 + 0 + 1), and Excel counted its title
 * and header rows. The convention now, everywhere: every line or sheet row of the file is read; a header, a title
 * or a blank line is skipped with its reason. `read` is then the file's own line count.
 */
describe('read counts every line of the file, the header included, whatever the format', () => {
  const expected = { read: 3, imported: 2, rejected: 0, skipped: 1 };

  it('generic CSV', async () => {
    const path = join(dir(), 'statement.csv');
    writeFileSync(path, ROWS.map((r) => r.join(',')).join('\n') + '\n');
    expect(await counts(path)).toEqual(expected);
  });

  it('the same CSV through a profile', async () => {
    const d = dir();
    const path = join(d, 'statement.csv');
    writeFileSync(path, ROWS.map((r) => r.join(',')).join('\n') + '\n');
    const profile = join(d, 'p.json');
    writeFileSync(profile, JSON.stringify({
      version: 1, name: 'p', format: 'csv', side: 'settlement', header: { row: 1 },
      columns: { settle_date: '清算日期', terminal_id: '终端号', trace_no: '凭证号', txn_type: '交易类型', amount: '交易金额', fee: '手续费', net_amount: '结算金额', txn_date: '交易日期', txn_time: '交易时间' },
    }));
    expect(await counts(path, profile)).toEqual(expected);
  });

  it('the same rows in an Excel sheet', async () => {
    const path = join(dir(), 'statement.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const r of ROWS) ws.addRow(r);
    await wb.xlsx.writeFile(path);
    expect(await counts(path)).toEqual(expected);
  });
});
