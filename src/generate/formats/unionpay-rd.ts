import iconv from 'iconv-lite';
import { addDays, type IsoDate } from '../../domain/dates.js';
import { formatYuan } from '../../domain/money.js';
import { compact, type SettleLine } from './types.js';

export interface RdTotals {
  merchantId: string;
  rows: SettleLine[];
}

type Sums = [count: number, amtDebit: number, amtCredit: number, feeDebit: number, feeCredit: number, netDebit: number, netCredit: number];

/** From the merchant's side: sales are credited (贷) net of a debited fee; voids and refunds the other way round. */
function add(sums: Sums, l: SettleLine): Sums {
  const credit = l.kind !== 'sale';
  const net = l.amountFen - l.feeFen;
  return [
    sums[0] + 1,
    sums[1] + (credit ? l.amountFen : 0),
    sums[2] + (credit ? 0 : l.amountFen),
    sums[3] + (credit ? 0 : l.feeFen),
    sums[4] + (credit ? l.feeFen : 0),
    sums[5] + (credit ? net : 0),
    sums[6] + (credit ? 0 : net),
  ];
}

const ZERO: Sums = [0, 0, 0, 0, 0, 0, 0];
const RULE = '_'.repeat(136);

function row(label: string, s: Sums): string {
  const width = [...label].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x7f ? 2 : 1), 0);
  return `${label}${' '.repeat(Math.max(1, 20 - width))}${String(s[0]).padStart(8)}${s.slice(1).map((v) => formatYuan(v).padStart(16)).join('')}`;
}

function table(title: string, groups: ReadonlyArray<readonly [string, Sums]>, all: Sums): string[] {
  return [
    `${title}            交易笔数               交易金额                         费用                              资金清算差额`,
    `${' '.repeat(41)}借              贷              借              贷               借                  贷`,
    RULE,
    ...groups.map(([label, s]) => row(label, s)),
    RULE,
    row('总计', all),
  ];
}

/** The RD summary report of one clearing day, GBK with CRLF, laid out like UnionPay's (formats.md §3.4). */
export function rdReport(t: RdTotals, date: string): Buffer {
  const sum = (pred: (l: SettleLine) => boolean): Sums => t.rows.filter(pred).reduce(add, ZERO);
  const all = sum(() => true);
  const byType = [
    ['消费', sum((l) => l.kind === 'sale')],
    ['消费撤销', sum((l) => l.kind === 'void')],
    ['退货', sum((l) => l.kind === 'refund')],
  ] as const;
  const byCard = [
    ['借记卡', sum((l) => l.card.type === 'debit')],
    ['贷记卡', sum((l) => l.card.type === 'credit')],
  ] as const;
  const lines = [
    `${' '.repeat(73)}中国银联全渠道商户交易汇总表`,
    '',
    `商户代码:${t.merchantId}${' '.repeat(40)}清算币种:人民币`,
    `收单机构:48020000${' '.repeat(47)}清算日期:${compact(date)}`,
    `商户名称:posrecon模拟商户${' '.repeat(39)}生成日期:${compact(addDays(date as IsoDate, 1))}`,
    '',
    '',
    ...table('交易类型', byType, all),
    '',
    ...table('卡性质  ', byCard, all),
  ];
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
}
