/**
 * exceljs 4.4.0's streaming reader decoded each chunk of a sheet's XML on its own, so a Chinese character whose
 * UTF-8 bytes straddled two chunks became "��" (exceljs issues #2063, #2084): a few cells in every large statement.
 * patches/exceljs+4.4.0.patch decodes the stream as a stream.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxRows } from '../../../src/import/xlsx-rows.js';

const NAMES = ['上海浦东新区门店', '北京朝阳区旗舰店', '广州天河体育中心店', '深圳南山科技园店', '杭州西湖银泰店'];
const ROWS = 6000;

function expected(i: number): string[] {
  return [String(i), `${NAMES[i % NAMES.length] ?? ''}${i}号`, i % 3 === 0 ? '消费撤销' : '消费'];
}

async function written(sharedStrings: boolean): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-xlsx-mb-')), `statement-${sharedStrings ? 'shared' : 'inline'}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: sharedStrings });
  const ws = wb.addWorksheet('交易明细');
  for (let i = 0; i < ROWS; i++) ws.addRow(expected(i)).commit();
  ws.commit();
  await wb.commit();
  return path;
}

describe('an xlsx of Chinese text larger than one chunk', () => {
  it.each([
    ['shared strings (what Excel writes)', true],
    ['inline strings', false],
  ])('reads every character of %s whole', async (_what, shared) => {
    const rows: string[][] = [];
    for await (const r of xlsxRows(await written(shared))) rows.push(r.cells);
    expect(rows).toHaveLength(ROWS);
    expect(rows.filter((cells) => cells.join('').includes('\uFFFD'))).toEqual([]);
    expect(rows).toEqual(Array.from({ length: ROWS }, (_, i) => expected(i)));
  });
});
