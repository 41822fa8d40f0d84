import type { Card } from '../cards.js';
import type { TxnKind } from '../model.js';

/** Settlement formats the generator writes: every built-in acquirer format, plus the generic CSV. */
export const SETTLEMENT_FORMATS = ['generic-csv', 'unionpay-zm', 'wechat-bill', 'alipay-trade', 'allinpay-syb', 'leshua-trade'] as const;
export type SettlementFormat = (typeof SETTLEMENT_FORMATS)[number];

/** One settled transaction, as every format needs it: the format writers only lay it out. */
export interface SettleLine {
  merchantId: string;
  terminalId: string;
  kind: TxnKind;
  card: Card;
  /** What the acquirer settled (differs from the journal only for amount_mismatch). */
  amountFen: number;
  /** The merchant's fee on the amount, always positive; on a void or refund it is given back. */
  feeFen: number;
  /** YYYY-MM-DD and HH:MM:SS of the transaction; the clearing day of the file it is in. */
  date: string;
  time: string;
  settleDate: string;
  trace: string;
  /** Blank when the scenario has the acquirer leave it out. */
  batch: string;
  rrn: string;
  auth: string;
  /** The merchant order number the POS sent (QR formats), or that of the sale a void or refund cancels. */
  orderNo: string;
  /** The sale a void or refund cancels. */
  origin: { trace: string; date: string; time: string; rrn: string } | null;
  /** 0-based position in the day's file, for ids the format invents (WeChat transaction ids…). */
  seq: number;
}

/** One day's settlement file (or zip) in one format. */
export interface DayWriter {
  /** The file the day ends up in. */
  readonly path: string;
  write(line: SettleLine): Promise<void>;
  /** A reversal the host received: formats that list reversals (乐刷) write the sale and its 冲正 line. */
  reversed?(line: SettleLine): Promise<void>;
  close(): Promise<void>;
  abort(): void;
}

export interface FormatWriter {
  format: SettlementFormat;
  /** The journal carries 商户订单号: QR formats match by it. */
  orderNumbers: boolean;
  fileName(date: string): string;
  /** Names an earlier scenario of this format may have left in the folder. */
  namePattern: RegExp;
  open(dir: string, date: string, opts: { encoding: 'utf-8' | 'gbk' }): DayWriter;
}

export function compact(date: string): string {
  return date.replace(/-/g, '');
}

/** 0.60% for credit cards, 0.50% (capped) for debit, as the generator charges (rows.ts feeFen). */
export function rateText(card: Card): string {
  return card.type === 'credit' ? '0.60%' : '0.50%';
}
