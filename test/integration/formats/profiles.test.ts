/** Profiles: the shipped ones validate and read what the generator writes; a broken one is named by file and key path. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { generateScenario } from '../../../src/generate/index.js';
import { readProfile } from '../../../src/import/profile/load.js';
import { listZip, zipEntryBytes } from '../../../src/import/zip.js';
import type { Db } from '../../../src/store/open.js';
import { writeBankXlsx } from '../../helpers/bank-xlsx.js';
import { CUTOFF, caseKeys, fixedContext, matchCollecting, memoryStore } from '../../helpers/store.js';

const PROFILES = join(import.meta.dirname, '../../../profiles');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'posrecon-profile-'));
const truthOf = (dir: string): string[] =>
  (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { cases: Array<{ category: string; terminal_id: string; trace_no: string }> }).cases
    .map((c) => `${c.category} ${c.terminal_id} ${c.trace_no}`)
    .sort();

/** Per type: rows, amount, fee and net in fen, as stored; the figures a profile must agree on with a built-in format. */
const totalsOf = (db: Db): unknown[] =>
  db.prepare('SELECT txn_type, count(*) n, sum(amount_fen) amount, sum(fee_fen) fee, sum(net_fen) net FROM settlement_records GROUP BY txn_type ORDER BY txn_type').all();

/** Imports the journal, then each file with `opts`; returns the store and every import's [format, rejected]. */
async function importAll(dir: string, files: readonly string[], opts: { profile?: string }): Promise<{ db: Db; seen: unknown[] }> {
  const db = memoryStore();
  await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
  const seen: unknown[] = [];
  for (const f of files) {
    const r = await importFile(db, { path: join(dir, f), cutoff: CUTOFF, ...opts }, fixedContext);
    seen.push(r.status === 'imported' ? [r.format, r.counts.rejected] : r.status);
  }
  return { db, seen };
}

describe('shipped YAML profiles', () => {
  const yamls = readdirSync(PROFILES).filter((f) => f.endsWith('.yaml'));

  it('ship allinpay-syb, alipay-trade and the bank Excel example', () => {
    expect(yamls.sort()).toEqual(expect.arrayContaining(['alipay-trade.yaml', 'allinpay-syb.yaml', 'bank-excel-example.yaml']));
  });

  it.each(yamls)('%s is valid, begins with "# sample:" and two input lines as comments, and has no "sample" key', async (name) => {
    const p = await readProfile(join(PROFILES, name));
    const [first, a, b] = readFileSync(join(PROFILES, name), 'utf8').split('\n');
    expect(first).toBe('# sample:');
    for (const line of [a, b]) expect(line).toMatch(/^# \S.{20,}/);
    expect(p.sample).toBeUndefined();
    expect(p.name).toBe(name.replace(/\.yaml$/, ''));
  });

  it('the README\'s YAML example is a valid profile', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Acquirer formats')))?.[1] ?? '';
    const path = join(tmp(), 'readme.yaml');
    writeFileSync(path, example);
    expect((await readProfile(path)).name).toBe('bank-excel-example');
  });

  it('allinpay-syb.yaml reads a generated 收银宝 statement with 0 rejected and the built-in format\'s totals, classified exactly', async () => {
    const dir = tmp();
    await generateScenario({ outDir: dir, seed: 21, days: 2, terminals: 2, perDay: 60, settlementFormat: 'allinpay-syb' });
    const files = readdirSync(dir).filter((n) => n.startsWith('allinpay_syb_')).sort();
    const viaProfile = await importAll(dir, files, { profile: join(PROFILES, 'allinpay-syb.yaml') });
    const builtIn = await importAll(dir, files, {});
    expect(viaProfile.seen).toEqual(files.map(() => ['profile:allinpay-syb', 0]));
    expect(builtIn.seen).toEqual(files.map(() => ['allinpay-syb', 0]));
    expect(totalsOf(viaProfile.db)).toEqual(totalsOf(builtIn.db));
    expect(caseKeys(matchCollecting(viaProfile.db))).toEqual(truthOf(dir));
  });

  it('alipay-trade.yaml reads a generated 业务明细 with 0 rejected, fees charged on 交易 and given back on 退款, as the built-in format', async () => {
    const dir = tmp();
    await generateScenario({ outDir: dir, seed: 22, days: 2, terminals: 2, perDay: 60, settlementFormat: 'alipay-trade' });
    const zips = readdirSync(dir).filter((n) => n.endsWith('.csv.zip')).sort();
    // The profile reads the CSV inside the zip (the built-in format reads the zip itself, 汇总 file and all).
    const csvs: string[] = [];
    for (const z of zips) {
      const entry = (await listZip(join(dir, z))).find((e) => e.name.endsWith('_业务明细.csv'));
      if (!entry) throw new Error(`no 业务明细 in ${z}`);
      const chunks: Buffer[] = [];
      for await (const c of zipEntryBytes(join(dir, z), entry.index)) chunks.push(c);
      writeFileSync(join(dir, entry.name), Buffer.concat(chunks));
      csvs.push(entry.name);
    }
    const viaProfile = await importAll(dir, csvs, { profile: join(PROFILES, 'alipay-trade.yaml') });
    const builtIn = await importAll(dir, zips, {});
    expect(viaProfile.seen).toEqual(csvs.map(() => ['profile:alipay-trade', 0]));
    expect(builtIn.seen).toEqual(zips.map(() => ['alipay-trade', 0]));
    const totals = totalsOf(viaProfile.db) as Array<{ txn_type: string; fee: number; net: number; amount: number }>;
    expect(totals).toEqual(totalsOf(builtIn.db));
    const sale = totals.find((t) => t.txn_type === 'SALE');
    const refund = totals.find((t) => t.txn_type === 'REFUND');
    expect(sale && [sale.fee > 0, sale.net]).toEqual([true, (sale?.amount ?? 0) - (sale?.fee ?? 0)]);
    expect(refund && refund.fee < 0).toBe(true);
  });

  it('bank-excel-example.yaml reads an Excel statement exactly, its 合计 row agreeing', async () => {
    const dir = tmp();
    await generateScenario({ outDir: dir, seed: 23, days: 2, terminals: 2, perDay: 60 });
    const xlsx = join(dir, 'bank.xlsx');
    const csvs = readdirSync(dir).filter((n) => n.startsWith('settlement_')).sort().map((n) => join(dir, n));
    const { rows } = await writeBankXlsx(csvs, xlsx);
    const db = memoryStore();
    await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
    const r = await importFile(db, { path: xlsx, cutoff: CUTOFF, profile: join(PROFILES, 'bank-excel-example.yaml') }, fixedContext);
    if (r.status !== 'imported') throw new Error('not imported');
    expect([r.format, r.counts]).toEqual(['profile:bank-excel-example', { read: rows + 6, imported: rows, rejected: 0, skipped: 6 }]);
    expect(r.controls.map((c) => [c.key, c.status])).toEqual([['count', 'agrees'], ['amount', 'agrees'], ['fee', 'agrees'], ['net_amount', 'agrees']]);
    expect(caseKeys(matchCollecting(db)).filter((k) => !k.startsWith('fee_'))).toEqual(truthOf(dir).filter((k) => !k.startsWith('fee_')));
  });
});

describe('shipped profiles', () => {
  it('an xlsx cell that cannot be read is named as file[Sheet]!D14', async () => {
    const dir = tmp();
    const csv = join(dir, 'settlement_20260308.csv');
    writeFileSync(csv, '清算日期,商户号,终端号,批次号,凭证号,参考号,授权码,卡号,卡类别,交易类型,交易金额,手续费,结算金额,交易日期,交易时间\r\n2026-03-08,1,10012345,000001,000001,1,1,622588******0001,借记卡,消费,12O.00,0.60,119.40,2026-03-08,10:00:00\r\n2026-03-08,1,10012345,000001,000002,2,2,622588******0002,借记卡,消费,120.00,0.60,119.40,2026-03-08,10:05:00\r\n');
    await writeBankXlsx([csv], join(dir, 'b.xlsx'));
    const r = await importFile(memoryStore(), { path: join(dir, 'b.xlsx'), cutoff: CUTOFF, profile: join(PROFILES, 'bank-excel-example.yaml') }, fixedContext);
    expect(r.status === 'imported' && r.rejected).toEqual([{ line: 5, where: '[交易明细]!K5', reason: expect.stringContaining('12O.00') }]);
  });
});

describe('YAML profile errors name the file, and the line or the key path', () => {
  const write = (content: string, name = 'my-acquirer.yaml'): string => {
    const p = join(tmp(), name);
    writeFileSync(p, content);
    return p;
  };
  const base = 'version: 1\nname: x\nformat: csv\nheader:\n  row: 1\n';

  it('a YAML syntax error is located by file:line:col', async () => {
    await expect(readProfile(write(`${base}columns:\n  amount: AMT: x\n`))).rejects.toThrow(/my-acquirer\.yaml:7:11: not valid YAML \(Nested mappings/);
    await expect(readProfile(write(`${base}columns:\n\tamount: AMT\n`))).rejects.toThrow(/my-acquirer\.yaml:7:1: not valid YAML \(Tabs are not allowed/);
    await expect(readProfile(write(`${base}name: y\n`, 'dup.yml'))).rejects.toThrow(/dup\.yml:6:1: not valid YAML \(Map keys must be unique\)/);
  });

  it.each([
    ['columns:\n  terminal_id: TID\n  txn_date: D\n', 'my-acquirer.yaml: columns.amount: required'],
    ['columns: { terminal_id: TID, amount: AMT, txn_date: D }\nskip:\n  - column: A\n    matches: "(["\n', 'my-acquirer.yaml: skip[0].matches: not a valid regular expression'],
    ['columns: { terminal_id: TID, amount: AMT, txn_date: D }\namounts:\n  fee_sign: absolute\n', 'my-acquirer.yaml: amounts.fee_sign: expected "as-printed" or "charged", got "absolute"'],
    ['columns: { terminal_id: TID, amount: [], txn_date: D }\n', 'my-acquirer.yaml: columns.amount: expected a header name'],
  ])('%j', async (rest, message) => {
    await expect(readProfile(write(`${base}${rest}`))).rejects.toThrow(message);
  });

  it('a valid YAML profile imports a file', async () => {
    const p = write(`# sample:\n# TID,AMT,D\n# 10012345,12.00,2026-03-08 10:00:00\n${base}columns: { terminal_id: TID, amount: AMT, txn_datetime: D }\n`);
    const csv = join(tmp(), 'a.csv');
    writeFileSync(csv, 'TID,AMT,D\n10012345,12.00,2026-03-08 10:00:00\n');
    const r = await importFile(memoryStore(), { path: csv, cutoff: CUTOFF, profile: p }, fixedContext);
    expect(r.status === 'imported' && [r.format, r.counts]).toEqual(['profile:x', { read: 2, imported: 1, rejected: 0, skipped: 1 }]);
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
