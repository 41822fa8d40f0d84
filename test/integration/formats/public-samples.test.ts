/**
 * Issue 3 "Done when", against the acquirers' own sample files, read where they lie (../shared/reference/public-samples)
 * and never copied into the project.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../../src/app/import-file.js';
import { listZip } from '../../../src/import/zip.js';
import { ZipWriter } from '../../../src/generate/zip-writer.js';
import { HAVE_PUBLIC_SAMPLES, PUBLIC_SAMPLES, sample } from '../../helpers/public-samples.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

type Imported = Extract<ImportResult, { status: 'imported' }>;

/** The format each sample must be detected as; a sample added to the folder without an entry here fails. */
function expectedFormat(path: string): string {
  if (path.startsWith('unionpay/')) return 'unionpay-zm';
  if (path.startsWith('alipay/')) return 'alipay-trade';
  if (path.includes('fundflowbill')) return 'wechat-fundflow';
  if (path.startsWith('wechatpay/')) return 'wechat-bill';
  throw new Error(`no expected format for public sample ${path}: add one to this test`);
}

function samplesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? samplesIn(p) : n === 'README.md' ? [] : [p];
  });
}

async function load(path: string, db = memoryStore()): Promise<Imported> {
  const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
  if (r.status !== 'imported') throw new Error(`${path} not imported`);
  return r;
}

const total = (db: ReturnType<typeof memoryStore>, col: string): number =>
  (db.prepare(`SELECT SUM(${col}) AS s FROM settlement_records`).get() as { s: number }).s;

describe.skipIf(!HAVE_PUBLIC_SAMPLES)('public samples (../shared/reference/public-samples)', () => {
  it.each(HAVE_PUBLIC_SAMPLES ? samplesIn(PUBLIC_SAMPLES).map((p) => relative(PUBLIC_SAMPLES, p)) : [])(
    '%s imports with the right format and read = imported + rejected + skipped',
    async (rel) => {
      const r = await load(join(PUBLIC_SAMPLES, rel));
      expect(r.format).toBe(expectedFormat(rel));
      expect(r.side).toBe('settlement');
      expect(r.counts.read).toBe(r.counts.imported + r.counts.rejected + r.counts.skipped);
      expect(r.counts.rejected).toBe(0);
    },
  );

  it('UnionPay zip: 8 ZM rows, 13,227.00 with fees 79.36 and net 13,147.64, agreeing with its RD report', async () => {
    const db = memoryStore();
    const r = await load(sample('unionpay', '802310048993424_20150905.zip'), db);
    expect(r.counts).toEqual({ read: 31, imported: 8, rejected: 0, skipped: 23 });
    expect([total(db, 'amount_fen'), total(db, 'fee_fen'), total(db, 'net_fen')]).toEqual([1_322_700, 7_936, 1_314_764]);
    const rd = r.controls.filter((c) => c.source.startsWith('RD201015090501_802310048993424 总计 by 交易类型'));
    expect(Object.fromEntries(rd.map((c) => [c.label, [c.stated, c.imported, c.status]]))).toEqual({
      交易笔数: [8, 8, 'agrees'],
      '交易金额(借)': [0, 0, 'agrees'],
      '交易金额(贷)': [1_322_700, 1_322_700, 'agrees'],
      '费用(借)': [7_936, 7_936, 'agrees'],
      '费用(贷)': [0, 0, 'agrees'],
      '资金清算差额(借)': [0, 0, 'agrees'],
      '资金清算差额(贷)': [1_314_764, 1_314_764, 'agrees'],
    });
    expect(r.controls.every((c) => c.status === 'agrees')).toBe(true);
    const row = db.prepare('SELECT * FROM settlement_records WHERE line = 1').get();
    expect(row).toMatchObject({
      terminal_id: '01080209', trace_no: '190624', rrn: null, batch_no: null, order_no: '10078087', card_masked: '622609******0048',
      txn_type: 'SALE', amount_fen: 476_800, fee_fen: 2_861, net_fen: 473_939, txn_date: '2015-09-06', txn_time: '11:22:03', settle_date: '2015-09-05',
    });
  });

  it('an RD report alone is recognised, and its totals are recorded as unchecked, not as agreeing', async () => {
    const r = await load(sample('unionpay', 'RD201015090501_802310048993424'));
    expect(r.counts.imported).toBe(0);
    expect(r.controls.length).toBeGreaterThan(0);
    expect(r.controls.every((c) => c.status === 'unchecked')).toBe(true);
  });

  it.each([
    ['wechatpay_tradebill_ALL_newformat_anonymised__WxJava.csv', '总交易单数', 48, 1],
    ['wechatpay_tradebill_SUCCESS_newformat_anonymised__WxJava.csv', '总交易单数', 31, 1],
    ['wechatpay_tradebill_REFUND_newformat_anonymised__WxJava.csv', '退款总金额', 202, 1],
    ['wechatpay_tradebill_ALL_newformat_servicemode__wxcloudrun-doc-example-2022.csv', '总交易单数', 12, 1],
    ['wechatpay_fundflowbill_BASIC__gunsluo-wechatpay-go.csv', '资金流水总笔数', 3, 2],
  ])('WeChat %s: the summary disagrees with the rows, and that is flagged', async (name, label, stated, inRows) => {
    const r = await load(sample('wechatpay', name));
    const c = r.controls.find((x) => x.label === label);
    expect(c).toMatchObject({ stated, inRows, status: 'differs' });
  });

  it.each(['wechatpay_tradebill_ALL_newformat__gunsluo-wechatpay-go.csv', 'wechatpay_tradebill_ALL_legacyformat__official-doc-example-2014.csv'])(
    'WeChat %s: the summary agrees with every row',
    async (name) => {
      const r = await load(sample('wechatpay', name));
      expect(r.controls.length).toBeGreaterThanOrEqual(5);
      expect(r.controls.filter((c) => c.status !== 'agrees')).toEqual([]);
    },
  );

  it('the REFUND bill keeps its negative summary fee (-0.02000) exactly, at 5 decimals', async () => {
    const r = await load(sample('wechatpay', 'wechatpay_tradebill_REFUND_newformat_anonymised__WxJava.csv'));
    expect(r.controls.find((c) => c.label === '手续费总金额')).toMatchObject({ scale: 5, stated: -2000, inRows: 0 });
  });

  it('the Alipay footer totals agree with the rows (GBK and UTF-8 copies alike)', async () => {
    for (const name of readdirSync(sample('alipay'))) {
      const db = memoryStore();
      const r = await load(sample('alipay', name), db);
      expect(r.counts.imported).toBe(10);
      expect(r.controls.map((c) => `${c.label} ${c.stated} ${c.status}`)).toEqual([
        '交易合计 笔数 6 agrees', '交易合计 商家实收 6 agrees', '交易合计 商家优惠 0 agrees',
        '退款合计 笔数 4 agrees', '退款合计 商家实收退款 -4 agrees', '退款合计 商家优惠退款 0 agrees',
      ]);
      expect(db.prepare("SELECT COUNT(*) AS n FROM settlement_records WHERE txn_type = 'REFUND' AND direction = 'credit' AND net_fen = -1").get()).toEqual({ n: 4 });
    }
  });

  it('the GBK Alipay .csv.zip (entry name GBK, no UTF-8 flag) imports with its Chinese entry name intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-alipay-'));
    const zipPath = join(dir, '20880211096256330156_20190916.csv.zip');
    const entry = '20880211096256330156_20190916_业务明细.csv';
    const zip = await ZipWriter.create(zipPath);
    await zip.addFile(entry, 'gbk', [readFileSync(sample('alipay', 'alipay_trade_detail_业务明细__qding-test-fixture.gbk-transcoded.csv'))]);
    await zip.close();
    // The name really is GBK bytes without bit 11, as Alipay ships it.
    const bytes = readFileSync(zipPath);
    expect(bytes.readUInt16LE(6) & 0x800).toBe(0);
    expect(bytes.includes(Buffer.from('业务明细', 'utf8'))).toBe(false);
    expect((await listZip(zipPath)).map((e) => e.name)).toEqual([entry]);
    const r = await load(zipPath);
    expect(r.format).toBe('alipay-trade');
    expect(r.why).toContain(entry);
    expect(r.counts).toEqual({ read: 19, imported: 10, rejected: 0, skipped: 9 });
    expect(r.controls.every((c) => c.status === 'agrees')).toBe(true);
  });
});
