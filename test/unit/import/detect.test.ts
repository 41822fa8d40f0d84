/** Detection by content: each format says why it fits, or what did not fit, so a refusal can name the closest. */
import { describe, expect, it } from 'vitest';
import { rankFormats } from '../../../src/import/detect.js';
import type { SourceSample } from '../../../src/import/types.js';

function sample(head: string, name = 'f.csv'): SourceSample {
  const bytes = Buffer.from(head, 'utf8');
  return { path: name, name, archive: false, parts: [{ name, encoding: 'utf-8', bytes, head }], encoding: 'utf-8', head };
}

describe('rankFormats', () => {
  it.each([
    ['交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号\n`2026-03-08 10:00:00,`wx', 'wechat-bill'],
    ['记账时间,微信支付业务单号,资金流水单号,业务名称\n', 'wechat-fundflow'],
    ['#支付宝业务明细查询\n#账号：[1]\n', 'alipay-trade'],
    ['BT|编号|交易时间|订单号|商户号|费率(万分之一)|交易金额(分)|手续费(分)|结算金额(分)|资金流向|交易类型|支付方式|卡类型|商户优惠类型|参考号|凭证号|终端号|第三方订单号|第三方退款号|支付时间\n', 'leshua-trade'],
    ['商户号,门店名称,终端号,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,卡类别,交易金额,手续费,交易日期,交易单号,订单号,对接应用号,原始金额,结算金额,产品类型\n', 'allinpay-syb'],
    ['终端号,凭证号,交易金额,交易日期,交易时间\n', 'generic-csv'],
    [`S56 ${'x'.repeat(603)}\r\n`, 'unionpay-zm'],
  ])('%#: picks %s', (head, format) => {
    expect(rankFormats(sample(head)).fits[0]?.adapter.format).toBe(format);
  });

  it('a WeChat error response is not a bill, and says so first', () => {
    const { fits, misses } = rankFormats(sample('<xml><return_code>FAIL</return_code><return_msg>No Bill Exist</return_msg></xml>'));
    expect(fits).toEqual([]);
    expect(misses[0]?.d).toMatchObject({ format: 'wechat-bill', miss: 'this is a WeChat Pay error response, not a bill ("No Bill Exist")' });
  });

  it('an Alipay account bill is recognised as the wrong kind of Alipay bill', () => {
    const { fits, misses } = rankFormats(sample('#支付宝账务明细查询\n#账号：[1]\n'));
    expect(fits.map((f) => f.adapter.format)).not.toContain('alipay-trade');
    expect(misses.find((m) => m.adapter.format === 'alipay-trade')?.d).toMatchObject({ miss: expect.stringContaining('account bill (账务明细)') });
  });
});
