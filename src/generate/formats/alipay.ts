import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { addDays, type IsoDate } from '../../domain/dates.js';
import { formatYuan } from '../../domain/money.js';
import { LineSink, onceBefore } from '../sink.js';
import { ZipWriter } from '../zip-writer.js';
import { compact, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

/** PID + 0156, as Alipay names its bill files (formats.md §2.1). */
const USER_ID = '20880211096256330156';
const HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';
const SUMMARY_HEADER = '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）';

const day = (date: string): string => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
/** Ids carry a trailing TAB so Excel keeps them as text; Alipay does it to every id-like cell. */
const t = (s: string): string => `${s}\t`;

/** A 业务明细 row: a void or refund is a 退款 row of the sale's order, with negative amounts. */
function row(l: SettleLine): string {
  const sale = l.kind === 'sale';
  const sign = sale ? 1 : -1;
  const amount = formatYuan(sign * l.amountFen);
  // Service fees print negative on payments in public fixtures (formats.md §2.2); the importer reads either sign.
  const fee = formatYuan(-sign * l.feeFen);
  return [
    t(`${compact(l.date)}22${l.terminalId}${l.trace}${String(l.seq % 100).padStart(2, '0')}`.padEnd(28, '0')), t(l.orderNo), t(sale ? '交易' : '退款'), '门店消费',
    `${l.origin?.date ?? l.date} ${l.origin?.time ?? l.time}`, `${l.date} ${l.time}`, t('store_01'), t('posrecon门店'), t('pos'), t(l.terminalId),
    t(`**客(${l.card.pan.slice(-4)}****)`), amount, amount, '0.00', '0.00', '0.00', '0.00', '0.00', '', t('0.00'), '0.00',
    t(sale ? '' : `re_${l.orderNo}_${l.trace}`), fee, '0.00', '',
  ].join(',');
}

/**
 * Alipay's .csv.zip of a day: {userId}_{yyyyMMdd}_业务明细.csv with its # preamble and footer totals, and the
 * 业务明细(汇总) file; GBK content, CRLF, and GBK entry names without the UTF-8 flag, as Alipay ships them.
 */
export const alipayWriter: FormatWriter = {
  format: 'alipay-trade',
  orderNumbers: true,
  fileName: (date) => `${USER_ID}_${compact(date)}.csv.zip`,
  namePattern: /^\d{20}_\d{8}\.csv\.zip$/,
  open(dir, date): DayWriter {
    const path = join(dir, this.fileName(date));
    const tmp = join(dir, `.tmp-alipay-${compact(date)}`);
    const sink = new LineSink(tmp, { encoding: 'gbk', bom: false });
    const s = { trades: 0, tradeReceipt: 0, refunds: 0, refundReceipt: 0, fee: 0 };
    const period = `#起始日期：[${day(date)} 00:00:00]   终止日期：[${day(addDays(date as IsoDate, 1))} 00:00:00]`;
    const preamble = ['#支付宝业务明细查询', `#账号：[${USER_ID}]`, period, `#${'-'.repeat(41)}业务明细列表${'-'.repeat(40)}`, HEADER];
    const start = onceBefore(sink, preamble);
    return {
      path,
      write: async (l) => {
        await start();
        if (l.kind === 'sale') [s.trades, s.tradeReceipt] = [s.trades + 1, s.tradeReceipt + l.amountFen];
        else [s.refunds, s.refundReceipt] = [s.refunds + 1, s.refundReceipt - l.amountFen];
        s.fee += l.kind === 'sale' ? -l.feeFen : l.feeFen;
        await sink.writeLine(row(l));
      },
      close: async () => {
        await start();
        for (const f of [
          `#${'-'.repeat(41)}业务明细列表结束${'-'.repeat(36)}`,
          `#交易合计：${s.trades}笔，商家实收共${formatYuan(s.tradeReceipt)}元，商家优惠共0.00元`,
          `#退款合计：${s.refunds}笔，商家实收退款共${formatYuan(s.refundReceipt)}元，商家优惠退款共0.00元`,
          `#导出时间：[${day(addDays(date as IsoDate, 1))} 09:00:00]`,
        ]) await sink.writeLine(f);
        await sink.close();
        const receipt = s.tradeReceipt + s.refundReceipt;
        const totals = [s.trades, s.refunds, formatYuan(receipt), formatYuan(receipt), '0.00', '0.00', '0.00', formatYuan(s.fee), '0.00', formatYuan(receipt + s.fee)];
        const summary = ['#支付宝业务汇总查询', `#账号：[${USER_ID}]`, period, `#${'-'.repeat(41)}业务汇总列表${'-'.repeat(40)}`, SUMMARY_HEADER,
          [t('store_01'), t('posrecon门店'), ...totals].join(','), ['合计', '', ...totals].join(','), `#${'-'.repeat(40)}业务汇总列表结束${'-'.repeat(37)}`];
        const zip = await ZipWriter.create(path);
        try {
          await zip.addFile(`${USER_ID}_${compact(date)}_业务明细.csv`, 'gbk', createReadStream(tmp) as AsyncIterable<Buffer>);
          await zip.addFile(`${USER_ID}_${compact(date)}_业务明细(汇总).csv`, 'gbk', [iconv.encode(`${summary.join('\r\n')}\r\n`, 'gbk')]);
          await zip.close();
        } catch (e) {
          await zip.abort();
          throw e;
        }
        await rm(tmp, { force: true });
      },
      abort: () => sink.abort(),
    };
  },
};
