import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ZM_FIELDS, type ZmKey } from '../../import/adapters/unionpay-layout.js';
import { maskPan } from '../cards.js';
import { MERCHANT_ID } from '../model.js';
import { LineSink } from '../sink.js';
import { ZipWriter } from '../zip-writer.js';
import { rdReport, type RdTotals } from './unionpay-rd.js';
import { compact, type DayWriter, type FormatWriter, type SettleLine } from './types.js';

const TXN_TYPE = { sale: '01', void: '31', refund: '04' } as const;
const CARD_TYPE = { debit: '01', credit: '02' } as const;

const fen12 = (n: number): string => String(n).padStart(12, '0');
const signed = (side: 'C' | 'D', n: number): string => `${n === 0 ? ' ' : side}${fen12(n)}`;
const mmddhhmmss = (date: string, time: string): string => `${date.slice(5, 7)}${date.slice(8, 10)}${time.replace(/:/g, '')}`;

/** One 607-byte ZM record: every field padded to its byte width, one space after each (formats.md §3.2). */
export function zmRecord(l: SettleLine): string {
  const credit = l.kind !== 'sale';
  const net = l.amountFen - l.feeFen;
  const v: Partial<Record<ZmKey, string>> = {
    tradeCode: 'S22',
    acqInsCode: '48020000',
    sendInsCode: '00049992',
    traceNo: l.trace,
    txnTime: mmddhhmmss(l.date, l.time),
    cardNo: maskPan(l.card.pan),
    txnAmt: fen12(l.amountFen),
    mcc: '5311',
    termType: '03',
    queryId: `${compact(l.date)}${l.time.replace(/:/g, '')}${l.trace}${l.seq % 10}`,
    oldPayType: '01',
    // UnionPay's own order id for a card-present sale: the terminal journal does not know it.
    orderId: `U${compact(l.date)}${l.terminalId}${l.trace}`,
    payCardType: CARD_TYPE[l.card.type],
    origTraceNo: l.origin?.trace ?? '',
    origTxnTime: l.origin ? mmddhhmmss(l.origin.date, l.origin.time) : '',
    // A sale's fee is taken (D) and its net paid (C); a void or refund gives the fee back (C) and takes the rest (D).
    merFee: signed(credit ? 'C' : 'D', l.feeFen),
    settleAmt: signed(credit ? 'D' : 'C', net),
    payType: '0001',
    txnType: TXN_TYPE[l.kind],
    bizType: '000301',
    merId: l.merchantId,
    subMerId: '0'.repeat(15),
    subMerAmt: ` ${fen12(0)}`,
    settleNetAmt: signed(credit ? 'D' : 'C', net),
    termId: l.terminalId,
    discountAmt: ` ${fen12(0)}`,
    invoiceAmt: ` ${fen12(0)}`,
    instalmentFee: ` ${'0'.repeat(11)}`,
    tradeMedia: '2',
  };
  return ZM_FIELDS.map(([key, width]) => {
    const text = v[key] ?? '';
    if (text.length > width) throw new Error(`ZM field ${key} "${text}" is wider than ${width} bytes`);
    return text.padEnd(width, ' ');
  }).join(' ');
}

/**
 * UnionPay delivers a zip per clearing day: INN{yyMMdd}88ZM_{merId} (the records) and RD…_{merId} (the summary
 * report, GBK). Both are written to temporary files, then zipped as UnionPay names them.
 */
export const unionpayWriter: FormatWriter = {
  format: 'unionpay-zm',
  orderNumbers: false,
  fileName: (date) => `${MERCHANT_ID}_${compact(date)}.zip`,
  namePattern: /^\d{15}_\d{8}\.zip$/,
  open(dir, date): DayWriter {
    const yymmdd = compact(date).slice(2);
    const path = join(dir, this.fileName(date));
    const zmName = (mer: string): string => `INN${yymmdd}88ZM_${mer}`;
    const zmTmp = join(dir, `.tmp-zm-${compact(date)}`);
    const zm = new LineSink(zmTmp, { encoding: 'gbk', bom: false });
    const totals: RdTotals = { rows: [], merchantId: '' };
    return {
      path,
      write: async (l) => {
        totals.merchantId = l.merchantId;
        totals.rows.push(l);
        await zm.writeLine(zmRecord(l));
      },
      close: async () => {
        await zm.close();
        const mer = totals.merchantId || MERCHANT_ID;
        const zip = await ZipWriter.create(path);
        try {
          await zip.addFile(zmName(mer), 'gbk', createReadStream(zmTmp) as AsyncIterable<Buffer>);
          await zip.addFile(`RD2010${yymmdd}01_${mer}`, 'gbk', [rdReport(totals, date)]);
          await zip.close();
        } catch (e) {
          await zip.abort();
          throw e;
        }
        await rm(zmTmp, { force: true });
      },
      abort: () => zm.abort(),
    };
  },
};
