import { join } from 'node:path';
import { formatYuan } from '../../domain/money.js';
import { maskPan } from '../cards.js';
import { CARD_TYPE_TEXT, csvLine, SETTLEMENT_HEADER } from '../rows.js';
import { LineSink, onceBefore } from '../sink.js';
import { compact, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

const TYPE_TEXT = { sale: '消费', void: '消费撤销', refund: '退货' } as const;

/** Voids and refunds are credit lines: the amount stays positive, the net paid to the merchant is negative. */
export function netFen(l: SettleLine): number {
  return l.kind === 'sale' ? l.amountFen - l.feeFen : -(l.amountFen - l.feeFen);
}

export function genericCells(l: SettleLine): string[] {
  return [
    l.settleDate,
    l.merchantId,
    l.terminalId,
    l.batch,
    l.trace,
    l.rrn,
    l.auth,
    maskPan(l.card.pan),
    CARD_TYPE_TEXT[l.card.type],
    TYPE_TEXT[l.kind],
    formatYuan(l.amountFen),
    formatYuan(l.feeFen),
    formatYuan(netFen(l)),
    l.date,
    l.time,
  ];
}

/** The generic settlement CSV (README "Input columns"): settlement_YYYYMMDD.csv, UTF-8 or GBK, CRLF. */
export const genericWriter: FormatWriter = {
  format: 'generic-csv',
  orderNumbers: false,
  fileName: (date) => `settlement_${compact(date)}.csv`,
  namePattern: /^settlement_\d{8}\.csv$/,
  open(dir, date, opts): DayWriter {
    const sink = new LineSink(join(dir, this.fileName(date)), { encoding: opts.encoding, bom: false });
    const header = onceBefore(sink, [SETTLEMENT_HEADER]);
    return {
      path: sink.path,
      write: async (l) => {
        await header();
        await sink.writeLine(csvLine(genericCells(l)));
      },
      close: async () => {
        await header();
        await sink.close();
      },
      abort: () => sink.abort(),
    };
  },
};
