import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { InputError } from '../../src/domain/errors.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

const JOURNAL = join(import.meta.dirname, '../fixtures/match/every-category/journal.csv');

function tmp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'posrecon-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Rewrites a CSV with its columns in another order (last column first, then the rest reversed). */
function shuffleColumns(csv: string): string {
  return csv
    .trim()
    .split('\n')
    .map((line) => {
      const cells = line.split(',');
      return [cells[cells.length - 1], ...cells.slice(0, -1).reverse()].join(',');
    })
    .join('\r\n');
}

describe('terminal journal import', () => {
  it('imports a GBK journal with Chinese headers in a shuffled order, detecting the encoding', async () => {
    const utf8 = readFileSync(JOURNAL, 'utf8');
    const path = tmp('journal-gbk.csv', iconv.encode(shuffleColumns(utf8), 'gbk'));
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    expect(r.status).toBe('imported');
    if (r.status !== 'imported') return;
    expect(r.encoding).toBe('gb18030');
    expect(r.side).toBe('terminal');
    expect(r.counts).toEqual({ read: 21, imported: 20, rejected: 0, skipped: 1 });
    const row = db.prepare("SELECT * FROM terminal_records WHERE trace_no = '000111'").get() as Record<string, unknown>;
    expect(row).toMatchObject({
      terminal_id: '10012345',
      txn_type: 'VOID',
      direction: 'credit',
      amount_fen: 70000,
      orig_trace_no: '000110',
      orig_rrn: '030810000110',
      status: 'SUCCESS',
      card_masked: '622588******0110',
    });
  });

  it('reads UTF-8 with a BOM and English headers, fen amounts and one datetime column', async () => {
    const path = tmp(
      'j.csv',
      '\uFEFFTID, Stan ,RRN,PAN,Type,Amount(分),DateTime,RC\n' +
        '10012345,457,214705912345,6225881234567894,SALE,32800,20260308214705,00\n',
    );
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && r.counts).toEqual({ read: 2, imported: 1, rejected: 0, skipped: 1 });
    expect(db.prepare('SELECT trace_no, amount_fen, txn_date, txn_time, status FROM terminal_records').get()).toEqual({
      trace_no: '000457',
      amount_fen: 32800,
      txn_date: '2026-03-08',
      txn_time: '21:47:05',
      status: 'SUCCESS',
    });
  });

  it('rejects a broken row with its line and reason, keeps its raw text, and imports the rest', async () => {
    const lines = readFileSync(JOURNAL, 'utf8').trim().split('\n');
    lines[3] = lines[3]!.replace('300.00', '3O0.00');
    lines.splice(6, 0, '', '合计,,,,,,,,,,,,,,,,');
    const path = tmp('j.csv', lines.join('\n'));
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect(r.counts).toEqual({ read: 23, imported: 19, rejected: 1, skipped: 3 });
    expect(r.counts.read).toBe(r.counts.imported + r.counts.rejected + r.counts.skipped);
    expect(r.rejected).toEqual([{ line: 4, reason: 'amount: amount "3O0.00" is not a number in yuan (expected like 328.00 or 1,328.00)' }]);
    const stored = db.prepare('SELECT line, disposition, reason, raw FROM rejected_rows ORDER BY line').all();
    expect(stored).toEqual([
      { line: 1, disposition: 'skipped', reason: 'header row', raw: lines[0] },
      { line: 4, disposition: 'rejected', reason: expect.stringContaining('3O0.00'), raw: expect.stringContaining('622588******0103') },
      { line: 7, disposition: 'skipped', reason: 'blank line', raw: '' },
      { line: 8, disposition: 'skipped', reason: 'totals row "合计"', raw: '合计,,,,,,,,,,,,,,,,' },
    ]);
  });

  it('importing the same file again changes nothing and says so', async () => {
    const db = memoryStore();
    const first = await importFile(db, { path: JOURNAL, side: 'terminal', cutoff: CUTOFF }, fixedContext);
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM terminal_records').get() as { n: number }).n;
    const before = count();
    const again = await importFile(db, { path: JOURNAL, side: 'terminal', cutoff: CUTOFF }, fixedContext);
    expect(first.status).toBe('imported');
    expect(again.status).toBe('already-imported');
    expect(count()).toBe(before);
  });

  it('refuses a file whose layout it does not know, naming the missing columns and the headers seen', async () => {
    const path = tmp('odd.csv', 'foo,bar,终端号,凭证号,参考号\n1,2,3,4,5\n');
    const db = memoryStore();
    const p = importFile(db, { path, side: 'terminal', cutoff: CUTOFF }, fixedContext);
    await expect(p).rejects.toBeInstanceOf(InputError);
    await expect(p).rejects.toThrow(/required column\(s\) not found: amount \(交易金额\), txn_date.*headers seen: "foo", "bar", "终端号"/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM imported_files').get() as { n: number }).n).toBe(0);
  });

  it('reads a JSON Lines journal of canonical records', async () => {
    const path = tmp(
      'journal.jsonl',
      [
        JSON.stringify({ terminal_id: '10012345', trace_no: '000457', rrn: '214705912345', card_no: '6225881234567894', txn_type: 'SALE', amount_fen: 32800, txn_date: '2026-03-08', txn_time: '21:47:05', response_code: '00' }),
        '',
        '{not json',
      ].join('\n'),
    );
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect(r.format).toBe('jsonl');
    expect(r.counts).toEqual({ read: 3, imported: 1, rejected: 1, skipped: 1 });
  });

  it('cuts track data and security codes out of JSON Lines as it stores them', async () => {
    const line = JSON.stringify({ terminal_id: '10012345', trace_no: '1', card_no: '6225881234567894', track2: '6225881234567894=2705201', cvv2: 737, txn_type: 'SALE', amount_fen: 100, txn_date: '2026-03-08', txn_time: '10:00:00', response_code: '00' });
    const db = memoryStore();
    await importFile(db, { path: tmp('j.jsonl', `${line}\n`), cutoff: CUTOFF }, fixedContext);
    const raw = db.prepare('SELECT raw FROM terminal_records').pluck().get() as string;
    expect(raw).toContain('"track2":[removed],"cvv2":[removed]');
    expect(raw).not.toMatch(/2705201|737/);
  });

  it('never stores a full card number, in records or in rejected rows', async () => {
    const path = tmp(
      'j.csv',
      '终端号,凭证号,卡号,交易类型,交易金额,交易日期,交易时间,应答码\n' +
        '10012345,1,6225881234567894,消费,1.00,2026-03-08,10:00:00,00\n' +
        '10012345,2,6217001234567890125,消费,bad,2026-03-08,10:00:00,00\n' +
        '10012345,3,4111111111111111,消费,1.00,2026-03-08,10:00:00,ZZ-not-a-status\n',
    );
    const db = memoryStore();
    await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    const dump = JSON.stringify([
      db.prepare('SELECT * FROM terminal_records').all(),
      db.prepare('SELECT * FROM rejected_rows').all(),
    ]);
    expect(dump).not.toMatch(/6225881234567894|6217001234567890125|4111111111111111/);
    expect(dump).toContain('622588******7894');
  });

  /** Regression: only 16-19 digit runs were masked, so an Amex or Diners number typed into a remark was stored in full. */
  it('masks a 13-15 digit card number in a remark column, and keeps the 15-digit merchant id', async () => {
    const path = tmp(
      'j.csv',
      '商户号,终端号,凭证号,卡号,交易类型,交易金额,交易日期,交易时间,应答码,备注\n' +
        '898310148160565,10012345,1,6225881234567894,消费,1.00,2026-03-08,10:00:00,00,先刷378282246310005未成功 又刷30569309025904\n',
    );
    const db = memoryStore();
    await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    const raw = db.prepare('SELECT raw FROM terminal_records').pluck().get() as string;
    expect(raw).toBe('898310148160565,10012345,1,622588******7894,消费,1.00,2026-03-08,10:00:00,00,先刷378282*****0005未成功 又刷305693****5904');
  });
});
