import { join } from 'node:path';
import { formatYuan } from '../../domain/money.js';
import { LineSink, onceBefore } from '../sink.js';
import { compact, rateText, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/**
 * Service-provider mode: the provider's WeChat merchant id (the documentation's example id) in 商户号, and the
 * merchant in 特约商户号. The scenario's merchant id goes there, so that the bill covers the journal's merchant.
 */
const WECHAT_MCH_ID = '1900000109';

/** Fees print with 5 decimals: the fen, padded with 000 (formats.md §1.3). */
const fee5 = (fen: number): string => `${formatYuan(fen)}000`;
const tick = (cells: readonly string[]): string => cells.map((c) => `\`${c}`).join(',');

/**
 * A day's WeChat Pay ALL trade bill (current layout): a sale is a SUCCESS row; a void is the revocation of a paid
 * order (REVOKED) and a refund a REFUND row, both under the sale's 商户订单号; then the summary.
 */
export function wechatRow(l: SettleLine): string[] {
  const sale = l.kind === 'sale';
  const amount = formatYuan(l.amountFen);
  const refundNo = sale ? '0' : `5030${compact(l.date)}${l.terminalId}${l.trace}`;
  return [
    `${l.date} ${l.time}`,
    'wx2421b1c4370ec43b',
    WECHAT_MCH_ID,
    l.merchantId,
    l.terminalId,
    `4200${compact(l.date)}${l.terminalId}${l.trace}${l.seq % 100}`.slice(0, 28).padEnd(28, '0'),
    l.orderNo,
    `oPosrecon${l.card.pan.slice(-6)}`,
    'MICROPAY',
    sale ? 'SUCCESS' : l.kind === 'void' ? 'REVOKED' : 'REFUND',
    l.card.type === 'credit' ? 'CMB_CREDIT' : 'OTHERS',
    'CNY',
    sale ? amount : '0.00',
    '0.00',
    refundNo,
    sale ? '0' : `R${l.orderNo}${l.trace}`,
    sale ? '0.00' : amount,
    '0.00',
    sale ? '' : 'ORIGINAL',
    sale ? '' : 'SUCCESS',
    '门店消费',
    '',
    fee5(sale ? l.feeFen : -l.feeFen),
    rateText(l.card),
    sale ? amount : '0.00',
    sale ? '0.00' : amount,
    '',
  ];
}

export const wechatWriter: FormatWriter = {
  format: 'wechat-bill',
  orderNumbers: true,
  fileName: (date) => `wechat_tradebill_ALL_${compact(date)}.csv`,
  namePattern: /^wechat_tradebill_ALL_\d{8}\.csv$/,
  open(dir, date): DayWriter {
    const sink = new LineSink(join(dir, this.fileName(date)), { encoding: 'utf-8', bom: false });
    const sums = { n: 0, settle: 0, refund: 0, fee: 0, order: 0, applied: 0 };
    const header = onceBefore(sink, [HEADER]);
    return {
      path: sink.path,
      write: async (l) => {
        await header();
        const sale = l.kind === 'sale';
        sums.n++;
        sums.settle += sale ? l.amountFen : 0;
        sums.order += sale ? l.amountFen : 0;
        sums.refund += sale ? 0 : l.amountFen;
        sums.applied += sale ? 0 : l.amountFen;
        sums.fee += sale ? l.feeFen : -l.feeFen;
        await sink.writeLine(tick(wechatRow(l)));
      },
      close: async () => {
        await header();
        await sink.writeLine(SUMMARY_HEADER);
        const s = sums;
        await sink.writeLine(tick([String(s.n), formatYuan(s.settle), formatYuan(s.refund), '0.00', fee5(s.fee), formatYuan(s.order), formatYuan(s.applied)]));
        await sink.close();
      },
      abort: () => sink.abort(),
    };
  },
};
