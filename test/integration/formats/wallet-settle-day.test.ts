import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { HAVE_PUBLIC_SAMPLES, sample } from '../../helpers/public-samples.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

/** A public sample with its transactions moved into the hour after the 23:00 cut-off, written to a temporary folder. */
function lateCopy(path: string, from: RegExp, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'posrecon-wallet-'));
  const out = join(dir, basename(path));
  writeFileSync(out, readFileSync(path, 'utf8').replace(from, to));
  return out;
}

async function settleDays(path: string): Promise<Array<{ txn_date: string; txn_time: string; settle_date: string }>> {
  const db = memoryStore();
  const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
  if (r.status !== 'imported') throw new Error('not imported');
  return db.prepare('SELECT txn_date, txn_time, settle_date FROM settlement_records ORDER BY id').all() as Array<{ txn_date: string; txn_time: string; settle_date: string }>;
}

/**
 * Regression: WeChat and Alipay rows took their settlement day from the card acquirers' 23:00 cut-off, so a WeChat
 * payment at 23:30 on 01-28 was stored as settling on 01-29, although both bills cover the natural day 00:00–24:00
 * (formats.md §1.1, §2.2).
 */
describe.skipIf(!HAVE_PUBLIC_SAMPLES)('wallet bills settle on the natural day', () => {
  it('a WeChat payment at 23:30 settles on its own day', async () => {
    const path = lateCopy(sample('wechatpay', 'wechatpay_tradebill_ALL_newformat__gunsluo-wechatpay-go.csv'), /`2021-01-28 \d\d:/g, '`2021-01-28 23:');
    const rows = await settleDays(path);
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r).toMatchObject({ txn_date: '2021-01-28', settle_date: '2021-01-28' });
  });

  it('an Alipay payment and refund after 23:00 settle on their own day', async () => {
    const path = lateCopy(sample('alipay', 'alipay_trade_detail_业务明细__qding-test-fixture.utf8.csv'), /2019-09-16 1\d:/g, '2019-09-16 23:');
    const rows = await settleDays(path);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ txn_date: '2019-09-16', settle_date: '2019-09-16' });
    expect(rows.some((r) => r.txn_time >= '23:00:00')).toBe(true);
  });
});
