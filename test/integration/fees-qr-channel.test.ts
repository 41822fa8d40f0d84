import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import type { FeeCaseDraft } from '../../src/match/fees.js';
import { feesRepo } from '../../src/store/repos/fees.js';
import { CUTOFF, fixedContext, matchCollecting, memoryStore } from '../helpers/store.js';
import { rateRuleOf } from '../helpers/rates.js';

const MERCHANT = '1900000109';
const TERMINAL = '10012345';

const WECHAT_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

/** A paid WeChat order: 付款银行 is the payer's bank, which is what the importer keeps as card type. */
const wechatRow = (time: string, order: string, bank: string, yuan: string, fee5: string): string =>
  [time, 'wx2421b1c4370ec43b', MERCHANT, '0', TERMINAL, `42000000${order}`, order, 'oUser', 'MICROPAY', 'SUCCESS', bank, 'CNY', yuan, '0.00', '0', '0',
    '0.00', '0.00', '', '', '门店消费', '', fee5, '0.38%', yuan, '0.00', ''].map((c) => `\`${c}`).join(',');

const WECHAT_BILL = [
  WECHAT_HEADER,
  wechatRow('2026-03-08 10:00:00', 'Q0001', 'PSBC_DEBIT', '1000.00', '3.80000'),
  wechatRow('2026-03-08 10:05:00', 'Q0002', 'CMB_CREDIT', '200.00', '0.76000'),
  wechatRow('2026-03-08 10:10:00', 'Q0003', 'OTHERS', '50.00', '0.19000'),
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
  ['3', '1250.00', '0.00', '0.00', '4.75000', '1250.00', '0.00'].map((c) => `\`${c}`).join(','),
  '',
].join('\n');

/** A card acquirer's line for the same merchant and terminal: 借记卡 still means the card debit rate. */
const CARD_FILE = [
  '清算日期,商户号,终端号,批次号,凭证号,参考号,授权码,卡号,卡类别,交易类型,交易金额,手续费,结算金额,交易日期,交易时间',
  `2026-03-08,${MERCHANT},${TERMINAL},000001,000101,030810000101,123456,622609******9298,借记卡,消费,1000.00,5.00,995.00,2026-03-08,11:00:00`,
  '',
].join('\n');

const rule = rateRuleOf(MERCHANT);

/**
 * Regression: the channel was read from the card-type text only, and a WeChat bill keeps 付款银行 (PSBC_DEBIT) there,
 * so README's own rule with channel qr matched nothing and a WeChat payment made with a debit card was judged
 * against the card debit rate. A line from a WeChat Pay or Alipay bill is a QR payment whatever its card type.
 */
describe('fee check of WeChat Pay lines', () => {
  it('prices a WeChat line paid by debit card at the qr rate, and a card line at the card rate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-qr-fees-'));
    writeFileSync(join(dir, 'wechat_20260308.csv'), WECHAT_BILL);
    writeFileSync(join(dir, 'settlement_20260308.csv'), CARD_FILE);
    const db = memoryStore();
    const fees = feesRepo(db);
    fees.upsert(rule({ cardType: 'debit', ratePpm: 5000, capFen: 2000 }), fixedContext.now().toISOString());
    fees.upsert(rule({ cardType: 'credit', ratePpm: 6000 }), fixedContext.now().toISOString());
    // README "Fees": a terminal's QR rate.
    fees.upsert(rule({ terminalId: TERMINAL, channel: 'qr', ratePpm: 3800, minFen: 1 }), fixedContext.now().toISOString());
    const wechat = await importFile(db, { path: join(dir, 'wechat_20260308.csv'), cutoff: CUTOFF }, fixedContext);
    expect(wechat.status === 'imported' && wechat.format).toBe('wechat-bill');
    const card = await importFile(db, { path: join(dir, 'settlement_20260308.csv'), side: 'settlement', cutoff: CUTOFF }, fixedContext);
    expect(card.status === 'imported' && card.format).toBe('generic-csv');
    expect(db.prepare("SELECT card_type FROM settlement_records WHERE order_no = 'Q0001'").pluck().get()).toBe('PSBC_DEBIT');

    const match = matchCollecting(db);
    const feeCases = match.cases.filter((c): c is FeeCaseDraft => c.category === 'fee_mismatch');
    expect(feeCases.map((c) => c.reason)).toEqual([]);
    expect(match.fees).toMatchObject({ checked: 4, withinTolerance: 4, noRate: 0, netDiffFen: 0 });
  });

  it('flags a WeChat line charged above the qr rate, citing the qr rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-qr-fees-'));
    writeFileSync(join(dir, 'wechat_20260308.csv'), WECHAT_BILL.replace('`3.80000', '`6.00000').replace('`4.75000', '`6.95000'));
    const db = memoryStore();
    const fees = feesRepo(db);
    fees.upsert(rule({ cardType: 'debit', ratePpm: 6000 }), fixedContext.now().toISOString());
    fees.upsert(rule({ channel: 'qr', ratePpm: 3800 }), fixedContext.now().toISOString());
    await importFile(db, { path: join(dir, 'wechat_20260308.csv'), cutoff: CUTOFF }, fixedContext);

    const match = matchCollecting(db);
    const [fee, ...more] = match.cases.filter((c): c is FeeCaseDraft => c.category === 'fee_mismatch');
    expect(more).toEqual([]);
    expect(fee?.settlement?.orderNo).toBe('Q0001');
    expect(fee?.fee).toMatchObject({ expectedFen: 380, actualFen: 600 });
    expect(fee?.fee.rule.channel).toBe('qr');
    expect(match.byCategory.fee_mismatch).toEqual({ count: 1, amountFen: 220 });
  });
});
