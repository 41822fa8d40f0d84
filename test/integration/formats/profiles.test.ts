/** Profiles: the shipped ones validate and read what the generator writes; a broken one is named by file and key path. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { runMatch } from '../../../src/app/run-match.js';
import { generateScenario } from '../../../src/generate/index.js';
import { readProfile } from '../../../src/import/profile/load.js';
import { writeBankXlsx } from '../../helpers/bank-xlsx.js';
import { CUTOFF, caseKeys, fixedContext, memoryStore } from '../../helpers/store.js';

const PROFILES = join(import.meta.dirname, '../../../profiles');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'posrecon-profile-'));
const truthOf = (dir: string): string[] =>
  (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { cases: Array<{ category: string; terminal_id: string; trace_no: string }> }).cases
    .map((c) => `${c.category} ${c.terminal_id} ${c.trace_no}`)
    .sort();

describe('shipped profiles', () => {
  it.each(readdirSync(PROFILES).filter((f) => f.endsWith('.json')))('%s is valid and begins with two sample input lines', async (name) => {
    const p = await readProfile(join(PROFILES, name));
    expect(Object.keys(JSON.parse(readFileSync(join(PROFILES, name), 'utf8')) as object)[0]).toBe('sample');
    expect(p.sample).toHaveLength(2);
  });

  it('allinpay-syb.json reads a generated 收银宝 statement, and the scenario is classified exactly', async () => {
    const dir = tmp();
    await generateScenario({ outDir: dir, seed: 11, days: 2, terminals: 2, perDay: 60, settlementFormat: 'allinpay-syb' });
    const db = memoryStore();
    await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
    for (const f of readdirSync(dir).filter((n) => n.startsWith('allinpay_syb_'))) {
      const r = await importFile(db, { path: join(dir, f), cutoff: CUTOFF, profile: join(PROFILES, 'allinpay-syb.json') }, fixedContext);
      expect(r.status === 'imported' && [r.format, r.counts.rejected]).toEqual(['profile:allinpay-syb', 0]);
    }
    expect(caseKeys(runMatch(db, { cutoff: CUTOFF }, fixedContext)).filter((k) => !k.startsWith('fee_'))).toEqual(truthOf(dir).filter((k) => !k.startsWith('fee_')));
  });

  it('bank-excel-example.json reads an Excel statement (title block, serial dates, text numbers, 合计 row) exactly', async () => {
    const dir = tmp();
    await generateScenario({ outDir: dir, seed: 12, days: 2, terminals: 2, perDay: 60 });
    const xlsx = join(dir, 'bank.xlsx');
    const csvs = readdirSync(dir).filter((n) => n.startsWith('settlement_')).sort().map((n) => join(dir, n));
    const { rows } = await writeBankXlsx(csvs, xlsx);
    const db = memoryStore();
    await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
    const r = await importFile(db, { path: xlsx, cutoff: CUTOFF, profile: join(PROFILES, 'bank-excel-example.json') }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect(r.counts).toEqual({ read: rows + 6, imported: rows, rejected: 0, skipped: 6 });
    expect(r.controls.map((c) => [c.key, c.status])).toEqual([['count', 'agrees'], ['amount', 'agrees'], ['fee', 'agrees'], ['net_amount', 'agrees']]);
    expect(caseKeys(runMatch(db, { cutoff: CUTOFF }, fixedContext)).filter((k) => !k.startsWith('fee_'))).toEqual(truthOf(dir).filter((k) => !k.startsWith('fee_')));
  });

  it('an xlsx cell that cannot be read is named as file[Sheet]!D14', async () => {
    const dir = tmp();
    const csv = join(dir, 'settlement_20260308.csv');
    writeFileSync(csv, '清算日期,商户号,终端号,批次号,凭证号,参考号,授权码,卡号,卡类别,交易类型,交易金额,手续费,结算金额,交易日期,交易时间\r\n2026-03-08,1,10012345,000001,000001,1,1,622588******0001,借记卡,消费,12O.00,0.60,119.40,2026-03-08,10:00:00\r\n2026-03-08,1,10012345,000001,000002,2,2,622588******0002,借记卡,消费,120.00,0.60,119.40,2026-03-08,10:05:00\r\n');
    await writeBankXlsx([csv], join(dir, 'b.xlsx'));
    const r = await importFile(memoryStore(), { path: join(dir, 'b.xlsx'), cutoff: CUTOFF, profile: join(PROFILES, 'bank-excel-example.json') }, fixedContext);
    expect(r.status === 'imported' && r.rejected).toEqual([{ line: 5, where: '[交易明细]!K5', reason: expect.stringContaining('12O.00') }]);
  });
});

describe('profile errors name the file and the key path', () => {
  const write = (content: string): string => {
    const p = join(tmp(), 'my-acquirer.json');
    writeFileSync(p, content);
    return p;
  };
  const base = { version: 1, name: 'x', format: 'csv', header: { row: 1 }, columns: { terminal_id: 'TID', amount: 'AMT', txn_date: 'D' } };

  it.each([
    [{ ...base, columns: { terminal_id: 'TID' } }, 'my-acquirer.json: columns.amount: required'],
    [{ ...base, skip: [{ column: 'A', matches: '([' }] }, 'skip[0].matches: not a valid regular expression'],
    [{ ...base, amounts: { unit: 'cents' } }, 'amounts.unit: expected "yuan" or "fen", got "cents"'],
    [{ ...base, colums: {} }, 'colums: unknown key'],
    [{ ...base, version: 2 }, 'version: profile version 2 is newer'],
  ])('%j', async (profile, message) => {
    await expect(readProfile(write(JSON.stringify(profile)))).rejects.toThrow(message);
  });

  it('a JSON syntax error is located by line and column', async () => {
    await expect(readProfile(write('{\n  "version": 1,\n  "name": x\n}'))).rejects.toThrow(/my-acquirer\.json:3:\d+: not valid JSON/);
  });

  it('a mapped column the file lacks is named with its key path and the headers seen', async () => {
    const p = write(JSON.stringify({ ...base, columns: { ...base.columns, fee: '手续费' } }));
    const csv = join(tmp(), 'a.csv');
    writeFileSync(csv, 'TID,AMT,D\n1,2,2026-03-08\n');
    await expect(importFile(memoryStore(), { path: csv, cutoff: CUTOFF, profile: p }, fixedContext)).rejects.toThrow(/columns\.fee \("手续费"\).*"TID", "AMT", "D"/);
  });
});
