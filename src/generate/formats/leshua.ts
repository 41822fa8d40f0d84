import { join } from 'node:path';
import { LineSink, onceBefore } from '../sink.js';
import { netFen } from './generic.js';
import { compact, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

const COLUMNS = [
  '记录类型', '编号', '交易时间', '订单号', '商户号', '费率(万分之一)', '交易金额(分)', '手续费(分)', '结算金额(分)', '资金流向', '交易类型',
  '支付方式', '卡类型', '商户优惠类型', '参考号', '凭证号', '终端号', '第三方订单号', '第三方退款号', '支付时间', '上游订单号(网联/银联)',
  '上游订单号(微信/支付宝)', '付款银行', '消费者标识', '扫码支付交易类型',
];
const SEP = '|';
const TYPE = { sale: '消费', void: '消费撤销', refund: '退货成功' } as const;
const na = (s: string): string => (s === '' ? '*' : s);

/**
 * A 乐刷 trade file of a day: a BT record naming the columns, one BV record per line, and a closing BT record with
 * the totals (record count, and signed sums in fen). The layout of that last record is this project's reading of an
 * underspecified format (README "Acquirer formats").
 */
export const leshuaWriter: FormatWriter = {
  format: 'leshua-trade',
  orderNumbers: false,
  fileName: (date) => `8800001_trade_new_${compact(date)}.txt`,
  namePattern: /^\d+_trade_new_\d{8}\.txt$/,
  open(dir, date): DayWriter {
    const sink = new LineSink(join(dir, this.fileName(date)), { encoding: 'utf-8', bom: false });
    const sums = { n: 0, amount: 0, fee: 0, net: 0 };
    const header = onceBefore(sink, [['BT', ...COLUMNS.slice(1)].join(SEP)]);
    const record = async (l: SettleLine, type: string, inflow: boolean, fee: number, net: number) => {
      await header();
      sums.n++;
      sums.amount += inflow ? l.amountFen : -l.amountFen;
      sums.fee += fee;
      sums.net += net;
      const when = `${l.date} ${l.time}`;
      const cells = ['BV', String(sums.n), when, '*', l.merchantId, l.card.type === 'credit' ? '60' : '50', String(l.amountFen), String(fee), String(net),
        inflow ? '进账' : '出账', type, '刷卡', l.card.type === 'credit' ? '信用卡' : '借记卡', '标准类', na(l.rrn), l.trace, l.terminalId, '*', '*', when, '*', '*', '*', '*', '*'];
      await sink.writeLine(cells.join(SEP));
    };
    return {
      path: sink.path,
      write: (l) => record(l, TYPE[l.kind], l.kind === 'sale', l.feeFen, netFen(l)),
      // 乐刷 lists a reversal explicitly: the sale, then its 冲正 line taking it all back.
      reversed: async (l) => {
        await record(l, '消费', true, 0, l.amountFen);
        await record(l, '消费冲正', false, 0, -l.amountFen);
      },
      close: async () => {
        await header();
        await sink.writeLine(['BT', String(sums.n), '*', '*', '*', '*', String(sums.amount), String(sums.fee), String(sums.net), ...Array<string>(16).fill('*')].join(SEP));
        await sink.close();
      },
      abort: () => sink.abort(),
    };
  },
};
