import { join } from 'node:path';
import { formatYuan } from '../../domain/money.js';
import { maskPan } from '../cards.js';
import { csvLine } from '../rows.js';
import { LineSink, onceBefore } from '../sink.js';
import { netFen } from './generic.js';
import { compact, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

/** The 34 columns of domain.md §5.3, in order. */
const HEADER = [
  '商户号', '门店名称', '终端号', '交易时间', '交易类型', '交易批次号', '凭证号', '参考号', '卡号', '卡类别', '发卡行机构代码', '发卡行名称',
  '交易金额', '手续费', '交易日期', '交易单号', '订单号', '商户备注', '对接应用号', '原始金额', '结算金额', '产品类型', '分期贴息', '交易完成时间',
  '持卡人姓名', '持卡人身份证', '分期数', '优惠金额', '实付金额', '原交易单', '渠道交易类型', '出金方账户名称', '门店编号', '交易完成日期',
].join(',');

const TYPE = { sale: '消费', void: '消费撤销', refund: '退货' } as const;

function cells(l: SettleLine): string[] {
  const amount = formatYuan(l.amountFen);
  const txnNo = `${compact(l.date)}${l.terminalId}${l.trace}`;
  return [
    l.merchantId, 'posrecon门店', l.terminalId, l.time, TYPE[l.kind], l.batch, l.trace, l.rrn, maskPan(l.card.pan),
    l.card.type === 'credit' ? '贷记卡' : '借记卡', '01020000', '工商银行', amount, formatYuan(l.feeFen), l.date, txnNo, '', '', '00000001',
    amount, formatYuan(netFen(l)), '银行卡', '0.00', `${l.date} ${l.time}`, '', '', '', '0.00', amount, l.origin ? `${compact(l.origin.date)}${l.terminalId}${l.origin.trace}` : '',
    l.kind === 'sale' ? 'POS消费' : 'POS退款', '', 'S001', l.date,
  ];
}

/** 通联收银宝's daily statement: one CSV, GBK with CRLF (the usual for Chinese bank downloads). */
export const allinpayWriter: FormatWriter = {
  format: 'allinpay-syb',
  orderNumbers: false,
  fileName: (date) => `allinpay_syb_${compact(date)}.csv`,
  namePattern: /^allinpay_syb_\d{8}\.csv$/,
  open(dir, date): DayWriter {
    const sink = new LineSink(join(dir, this.fileName(date)), { encoding: 'gbk', bom: false });
    const header = onceBefore(sink, [HEADER]);
    return {
      path: sink.path,
      write: async (l) => {
        await header();
        await sink.writeLine(csvLine(cells(l)));
      },
      close: async () => {
        await header();
        await sink.close();
      },
      abort: () => sink.abort(),
    };
  },
};
