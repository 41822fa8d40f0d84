import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { controlLine } from '../../src/cli/import-checks.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

const HEADER = ['清算日期', '终端号', '凭证号', '交易类型', '交易金额', '手续费', '结算金额', '交易日期', '交易时间'];
const ROWS = [
  ['2026-03-08', '10012345', '000101', '消费', '1,200.00', '6.00', '1,194.00', '2026-03-08', '10:00:00'],
  ['2026-03-08', '10012345', '000102', '退货', '200.00', '1.00', '-199.00', '2026-03-08', '11:00:00'],
  ['2026-03-08', '10012345', '000103', '消费', '3O0.00', '1.50', '298.50', '2026-03-08', '12:00:00'],
];

function csv(total: string[], rows: string[][] = ROWS): string {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-totals-')), 'statement.csv');
  const quote = (c: string) => (c.includes(',') ? `"${c}"` : c);
  writeFileSync(path, [HEADER, ...rows, total].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  return path;
}

async function imported(path: string) {
  const db = memoryStore();
  const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
  if (r.status !== 'imported') throw new Error('not imported');
  return { r, db };
}

/**
 * Regression: a generic CSV's 合计 row was skipped ("totals row") and never compared, although README "Control
 * totals" says a statement's 合计 row is, and the same row in an .xlsx was. Now both give the same checks, stored
 * the same way.
 */
describe('a CSV statement\'s 合计 row', () => {
  it('is compared with the rows and with what was imported, as in Excel, and stored in control_totals', async () => {
    const { r, db } = await imported(csv(['合计 3笔', '', '', '', '1,700.00', '8.50', '1,293.50']));
    expect(r.counts).toEqual({ read: 5, imported: 2, rejected: 1, skipped: 2 });
    expect(r.controls.map(controlLine)).toEqual([
      'count (total row): file says 3; its rows 3; imported 2 (-1) — DIFFERS',
      'amount (total row): file says 1700.00; its rows 1400.00 (-300.00); imported 1400.00 (-300.00) — DIFFERS',
      'fee (total row): file says 8.50; its rows 8.50; imported 7.00 (-1.50) — DIFFERS',
      'net_amount (total row): file says 1293.50; its rows 1293.50; imported 995.00 (-298.50) — DIFFERS',
    ]);
    expect(db.prepare('SELECT source, measure, stated, in_rows, imported, status FROM control_totals ORDER BY id').all()).toEqual([
      { source: 'total row, line 5', measure: 'count', stated: 3, in_rows: 3, imported: 2, status: 'differs' },
      { source: 'total row, line 5', measure: 'amount', stated: 170000, in_rows: 140000, imported: 140000, status: 'differs' },
      { source: 'total row, line 5', measure: 'fee', stated: 850, in_rows: 850, imported: 700, status: 'differs' },
      { source: 'total row, line 5', measure: 'net_amount', stated: 129350, in_rows: 129350, imported: 99500, status: 'differs' },
    ]);
  });

  it('agrees when the rows add up', async () => {
    const { r } = await imported(csv(['合计', '', '', '', '1,400.00', '7.00', '995.00'], ROWS.slice(0, 2)));
    expect(r.controls.map((c) => `${c.key} ${c.status}`)).toEqual(['amount agrees', 'fee agrees', 'net_amount agrees']);
  });

  it('names a total it cannot read instead of passing over it', async () => {
    const { r } = await imported(csv(['合计', '', '', '', 'n/a', '8.50', '']));
    expect(r.controls.map((c) => c.key)).toEqual(['fee']);
    expect(r.warnings.map((w) => w.reason)).toEqual([expect.stringContaining('total row: amount "n/a" is not an amount') as string]);
  });
});

/** Regression: an Excel total cached by SUM as 898724.2800000004 was skipped, with no check and no message. */
describe('an Excel total with binary noise', () => {
  it('is read to the fen and checked', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'posrecon-totals-')), 'statement.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HEADER);
    ws.addRow(['2026-03-08', '10012345', '000101', '消费', 898000.1, 0, 898000.1, '2026-03-08', '10:00:00']);
    ws.addRow(['2026-03-08', '10012345', '000102', '消费', 724.18, 0, 724.18, '2026-03-08', '10:01:00']);
    ws.addRow(['合计', '', '', '', { formula: 'SUM(E2:E3)', result: 898724.2800000004 }]);
    await wb.xlsx.writeFile(path);
    const { r } = await imported(path);
    expect(r.controls.map(controlLine)).toEqual(['amount (total row): file says 898724.28; its rows 898724.28; imported 898724.28 — agrees']);
    expect(r.warnings).toEqual([]);
  });
});
