import { formatYuan } from '../domain/money.js';
import type { CardType } from './cards.js';
import { hms, MERCHANT_ID, type Attempt, type Emitted, type Outcome, type TxnKind } from './model.js';

export const JOURNAL_HEADER =
  '商户号,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额,交易日期,交易时间,应答码,交易状态,原凭证号,原参考号,原交易日期,操作员';

export const SETTLEMENT_HEADER =
  '清算日期,商户号,终端号,批次号,凭证号,参考号,授权码,卡号,卡类别,交易类型,交易金额,手续费,结算金额,交易日期,交易时间';

const TYPE_TEXT: Record<TxnKind, string> = { sale: '消费', void: '消费撤销', refund: '退货' };
const STATUS_TEXT: Record<Outcome, string> = {
  approved: '成功',
  declined: '失败',
  timeout: '超时',
  reversed: '已冲正',
  reversal_failed: '冲正失败',
};
/** How the generic settlement CSV names card types (卡类别). */
export const CARD_TYPE_TEXT: Record<CardType, string> = { debit: '借记卡', credit: '贷记卡' };

export interface JournalExtras {
  operator: string;
  /** Some terminal exports print 1,328.00; the importer must accept it. */
  thousands: boolean;
}

export function journalCells(terminal: string, a: Attempt, e: Emitted, extras: JournalExtras): string[] {
  // Only an approval that reached the terminal leaves the RRN and auth code in its journal.
  const sawApproval = a.outcome === 'approved';
  const origin = a.origin?.emitted ?? null;
  if (a.origin && !origin) throw new Error(`${a.kind} at ${hms(a.time)} refers to a sale that was not generated first`);
  const amount = formatYuan(a.amountFen);
  return [
    MERCHANT_ID,
    terminal,
    e.batch,
    e.trace,
    sawApproval ? e.rrn : '',
    sawApproval ? e.auth : '',
    a.card.pan,
    TYPE_TEXT[a.kind],
    extras.thousands ? withThousands(amount) : amount,
    e.date,
    hms(a.time),
    responseCode(a),
    STATUS_TEXT[a.outcome],
    a.kind === 'void' && origin ? origin.trace : '',
    origin ? origin.rrn : '',
    a.kind === 'refund' && origin ? origin.date : '',
    extras.operator,
  ];
}

/** Credit 0.6%; debit 0.5% capped at 20.00 yuan. Half a fen rounds up, in integers so no float ever rounds. */
export function feeFen(amountFen: number, type: CardType): number {
  if (type === 'credit') return Math.floor((amountFen * 6 + 500) / 1000);
  return Math.min(2000, Math.floor((amountFen * 5 + 500) / 1000));
}

export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

function responseCode(a: Attempt): string {
  if (a.outcome === 'approved') return '00';
  return a.outcome === 'declined' ? a.declineCode : '';
}

/** "1328.00" → "1,328.00". */
export function withThousands(yuan: string): string {
  return yuan.replace(/^(-?)(\d+)/, (_m, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+$)/g, ','));
}
