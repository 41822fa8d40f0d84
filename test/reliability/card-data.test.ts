import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/domain/pan.js';
import { posrecon } from '../helpers/exec.js';
import { extractPdfText } from '../helpers/pdf-text.js';

/**
 * Inputs that carry full 16- and 19-digit card numbers, track data and security codes go through every
 * output posrecon makes; none of them may come out, and none may be stored.
 */
const SAMPLES = join(import.meta.dirname, '../../samples');
const work = mkdtempSync(join(tmpdir(), 'posrecon-pan-'));
const out = join(work, 'out');
const db = join(out, 'posrecon.db');
const TRACK2 = '6225881234567894=27052011234567890123';
const extraJournal = join(work, 'journal-extra.csv');
let fullPans: string[] = [];

function* files(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Everything a reader of the file would see, as text. */
async function visibleText(path: string): Promise<string> {
  if (path.endsWith('.pdf')) return extractPdfText(readFileSync(path));
  if (path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
    return cells.join('\n');
  }
  return readFileSync(path, 'utf8');
}

function cardLikeRuns(text: string): string[] {
  return [...text.matchAll(/(?<!\d)\d{13,19}(?!\d)/g)].map((m) => m[0]).filter(luhnValid);
}

beforeAll(() => {
  const journal = readFileSync(join(SAMPLES, 'journal.csv'), 'utf8');
  fullPans = [...new Set([...journal.matchAll(/,(\d{16,19}),/g)].map((m) => m[1] ?? ''))];
  expect(fullPans.some((p) => p.length === 16) && fullPans.some((p) => p.length === 19)).toBe(true);
  writeFileSync(
    extraJournal,
    '终端号,凭证号,参考号,卡号,二磁道,CVV2,交易类型,交易金额,交易日期,交易时间,应答码\n' +
      `10012399,000001,030899990001,6225881234567894,${TRACK2},737,消费,12.34,2026-03-08,10:00:00,00\n`,
  );
  const settlements = readdirSync(SAMPLES).filter((f) => f.startsWith('settlement')).map((f) => join(SAMPLES, f));
  expect(posrecon(['run', '--terminal', join(SAMPLES, 'journal.csv'), extraJournal, '--settlement', ...settlements, '--out', out]).code).toBe(0);
  expect(posrecon(['report', '--db', db, '--format', 'csv', '--out', join(out, 'csv')]).code).toBe(0);
  expect(posrecon(['slips', '--db', db, '--out', join(out, 'slips'), '--copy', 'merchant,cardholder,bank']).code).toBe(0);
  expect(posrecon(['slips', '--db', db, '--out', join(out, 'all'), '--all-settled', '--one-file']).code).toBe(0);
  for (const category of ['timeout_but_settled', 'duplicate_charge', 'missing_in_settlement', 'missing_on_terminal']) {
    expect(posrecon(['evidence', '--db', db, '--category', category, '--out', join(out, 'evidence')]).code).toBe(0);
  }
}, 300_000);

describe('card data', () => {
  it('no full card number, track data or security code in the database file', () => {
    const bytes = readFileSync(db).toString('latin1');
    for (const pan of fullPans) expect(bytes.includes(pan), pan).toBe(false);
    expect(bytes).not.toContain('27052011234567890123');
    const d = new Database(db, { readonly: true });
    const raw = d.prepare("SELECT raw, raw_masked FROM terminal_records WHERE terminal_id = '10012399'").get() as { raw: string; raw_masked: number };
    d.close();
    expect(raw.raw).toBe('10012399,000001,030899990001,622588******7894,[removed],[removed],消费,12.34,2026-03-08,10:00:00,00');
    expect(raw.raw_masked).toBe(1);
  });

  it('none in any report, CSV, workbook, slip or evidence pack', async () => {
    const outputs = [...files(out)].filter((f) => /\.(json|csv|xlsx|pdf)$/.test(f));
    expect(outputs.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(10);
    for (const path of outputs) {
      const text = await visibleText(path);
      expect(cardLikeRuns(text), path).toEqual([]);
      expect(text.includes('27052011234567890123'), path).toBe(false);
      for (const pan of fullPans) expect(text.includes(pan), `${path} holds ${pan}`).toBe(false);
    }
  });
});

describe('card numbers quoted in reasons and warnings', () => {
  /** Regression: a UnionPay ZME warning quoted the record's full card number on stderr and in the database. */
  it('are masked like the raw line', () => {
    const widths = [3, 11, 11, 6, 10, 19, 12, 4, 2, 2, 6, 10, 4, 12, 13, 13, 15, 15, 1, 12, 2, 135];
    const values = ['S22', '48020000', '48020000', '000123', '0308101010', '6225880123456783', '000000012345'];
    const record = widths.map((w, i) => (values[i] ?? '').padEnd(w, ' ').slice(0, w)).join(' ');
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-zme-'));
    const zme = join(dir, 'INN15090588ZME_802310048993424');
    writeFileSync(zme, `${record}\r\n`);
    const zmeDb = join(dir, 'z.db');
    const r = posrecon(['import', '--db', zmeDb, zme]);
    expect(r.stdout + r.stderr).toContain('622588******6783');
    expect(r.stdout + r.stderr).toContain('amount 123.45');
    expect(r.stdout + r.stderr).not.toContain('6225880123456783');
    expect(readFileSync(zmeDb).toString('latin1')).not.toContain('6225880123456783');
  });
});
