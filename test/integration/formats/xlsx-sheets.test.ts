import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

const HEADER = ['清算日期', '终端号', '凭证号', '交易类型', '交易金额', '手续费', '结算金额', '交易日期', '交易时间'];
const ROW = ['2026-03-08', '10012345', '000101', '消费', '1200.00', '6.00', '1194.00', '2026-03-08', '10:00:00'];

async function workbook(sheets: Record<string, unknown[][]>): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-sheets-')), 'statement.xlsx');
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/**
 * Regression: a workbook opening with a notes sheet (说明) and its rows on a second sheet (交易明细) was refused with
 * "required column(s) not found … headers seen: 本文件由银行导出", naming neither the sheet read nor the others; and
 * the console listed the workbook's internal zip parts ([Content_Types].xml, _rels/.rels…).
 */
describe('an Excel workbook of several sheets', () => {
  it('reads the first sheet whose header names known columns, and says which sheets were not read', async () => {
    const path = await workbook({ 说明: [['本文件由银行导出']], 交易明细: [HEADER, ROW], '3月9日': [HEADER, ROW] });
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect(r.counts).toEqual({ read: 2, imported: 1, rejected: 0, skipped: 1 });
    expect(r.warnings).toEqual([
      {
        line: 1,
        where: '[交易明细]!1:1',
        reason: 'sheet "交易明细" read; "说明" not read (no header row naming 3 known columns); "3月9日" not read although it has a header row: import it with a --profile naming xlsx.sheet',
      },
    ]);
    expect(r.why).not.toMatch(/Content_Types|_rels|zip of/);
  });

  it('says nothing about sheets when there is only one', async () => {
    const r = await importFile(memoryStore(), { path: await workbook({ Sheet1: [HEADER, ROW] }), cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && r.warnings).toEqual([]);
  });

  it('refuses a workbook with no such sheet, naming every sheet and its first row', async () => {
    const path = await workbook({ 说明: [['本文件由银行导出']], 明细: [['a', 'b']] });
    await expect(importFile(memoryStore(), { path, cutoff: CUTOFF }, fixedContext)).rejects.toThrow(
      'no sheet has a header row naming at least 3 known columns in its first 20 rows; sheets: "说明" (first row: "本文件由银行导出"); "明细" (first row: "a", "b")',
    );
  });
});
