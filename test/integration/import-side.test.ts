import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { normalizeSettlement } from '../../src/import/normalize.js';
import { runCli } from '../helpers/cli.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

const JOURNAL = [
  '商户号,终端号,批次号,凭证号,参考号,卡号,交易类型,交易金额,交易日期,交易时间,应答码,交易状态',
  '898310154110001,10012345,000223,000101,030810000101,622588******0101,消费,100.00,2026-03-08,10:00:00,00,成功',
  '898310154110001,10012345,000223,000102,,622588******0102,消费,200.00,2026-03-08,10:05:00,,超时',
  '898310154110001,10012345,000223,000103,,622588******0103,消费,300.00,2026-03-08,10:06:00,51,失败',
].join('\n');

function journalFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-side-')), 'journal.csv');
  writeFileSync(path, `${JOURNAL}\n`);
  return path;
}

/**
 * Regression: a terminal journal imported with --side settlement was accepted silently ("read 368 = imported
 * 368 + …"), and its timed-out and failed attempts then counted as settled money.
 */
describe('a journal given as a settlement file', () => {
  it('is imported with the doubt named and kept, and its unfinished attempts are not settled money', async () => {
    const db = memoryStore();
    const r = await importFile(db, { path: journalFile(), side: 'settlement', cutoff: CUTOFF }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect(r.sideDoubt).toBe("read as a settlement file, but its header looks like a terminal journal's: it has 交易状态 and 应答码 and no fee, net amount or clearing-date column");
    expect(r.counts).toEqual({ read: 4, imported: 1, rejected: 0, skipped: 3 });
    expect(db.prepare('SELECT trace_no FROM settlement_records').all()).toEqual([{ trace_no: '000101' }]);
    expect(db.prepare("SELECT line, reason FROM rejected_rows WHERE line > 1 ORDER BY line").all()).toEqual([
      { line: 3, reason: 'status "超时" (TIMEOUT): the attempt did not complete, so nothing settled on it' },
      { line: 4, reason: 'status "失败" (DECLINED): the attempt did not complete, so nothing settled on it' },
    ]);
    expect(JSON.stringify(db.prepare('SELECT * FROM import_warnings').all())).toContain('looks like a terminal journal');
  });

  it('is not doubted when read as what it is', async () => {
    const r = await importFile(memoryStore(), { path: journalFile(), cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && [r.side, r.sideDoubt]).toEqual(['terminal', null]);
  });

  it('the CLI warns on stderr, naming the file and the way back out (exit 0)', async () => {
    const path = journalFile();
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
    try {
      await runCli(['import', '--db', join(path, '..', 'side.db'), '--side', 'settlement', path], fixedContext);
    } finally {
      spy.mockRestore();
    }
    expect(stderr.join('')).toContain(`${path}: warning: read as a settlement file, but its header looks like a terminal journal's`);
    expect(stderr.join('')).toContain('take it out again (posrecon files remove 1) and import it with --side terminal');
  });
});

describe('settlement lines whose own status says nothing settled', () => {
  const LINE = { terminal_id: '10012345', txn_type: '消费', amount: '1.00', txn_date: '2026-03-08', txn_time: '10:00:00' };
  it.each([
    [{ status: '成功' }, 'record'],
    [{ status: 'SUCCESS' }, 'record'],
    [{ status: '已清算' }, 'record'],
    [{ response_code: '00' }, 'record'],
    [{ status: '超时' }, 'skip'],
    [{ status: '失败' }, 'skip'],
    [{ status: '已冲正' }, 'skip'],
    [{ response_code: '98' }, 'skip'],
    [{ response_code: '51' }, 'skip'],
    [{ status: '冲正失败' }, 'reject'],
  ])('%o → %s', (extra, kind) => {
    expect(normalizeSettlement({ ...LINE, ...extra }, { cutoff: CUTOFF }).kind).toBe(kind);
  });
});
