import { formatYuan, parseFen } from '../../domain/money.js';
import { maskCard } from '../../domain/pan.js';
import type { FieldMap } from '../fields.js';
import type { SourceRow } from '../types.js';
import { dateOfMmdd, type ClearingDay } from './unionpay-dates.js';
import { rawField, signedFen, sliceRecord, ZM_FIELDS, ZM_LENGTH, ZME_LENGTH, ZME_WIDTHS, type Slice } from './unionpay-layout.js';
import type { RdKey } from './unionpay-rd.js';

/**
 * 交易类型 (txnType) codes of the ACP SDK. A pre-authorisation (02) and its cancellation (32) only hold and release
 * funds, so no money settles for them; 33 cancels a completion and is booked like a void.
 */
const TXN_TYPES: Record<string, { type: string } | { skip: string }> = {
  '01': { type: 'SALE' },
  '02': { skip: 'pre-authorisation (02): a hold, no money settles' },
  '03': { type: 'COMPLETION' },
  '04': { type: 'REFUND' },
  '31': { type: 'VOID' },
  '32': { skip: 'pre-authorisation cancelled (32): a released hold, no money settles' },
  '33': { type: 'VOID' },
};

/** 支付卡类型 01 is what the RD report counts as 借记卡 (inferred from the sample); the rest by the same scheme. */
const CARD_TYPES: Record<string, string> = { '01': '借记卡', '02': '贷记卡', '03': '准贷记卡' };

type Where = (line: number, cols?: string) => string | undefined;

function located(line: number, raw: string, at: string | undefined): { line: number; raw: string; where?: string } {
  return at === undefined ? { line, raw } : { line, raw, where: at };
}

/** One ZM record: a settlement row in fen, with what it adds to the RD report's totals. */
export function zmRow(bytes: Buffer, raw: string, line: number, day: ClearingDay, where: Where): SourceRow {
  const sliced = sliceRecord(bytes, ZM_FIELDS, ZM_LENGTH);
  if (!sliced.ok) return { kind: 'reject', reason: sliced.reason, ...located(line, raw, where(line, `${sliced.start}-${sliced.end}`)) };
  const f = sliced.fields;
  const bad = (s: Slice, what: string): SourceRow => ({
    kind: 'reject',
    reason: `${what} "${s.text}" (bytes ${s.start}-${s.end})`,
    ...located(line, raw, where(line, `${s.start}-${s.end}`)),
  });
  const code = TXN_TYPES[f.txnType.text];
  if (!code) return bad(f.txnType, '交易类型 (txnType) is not a known code (01, 03, 04, 31, 33; 02/32 are holds)');
  if ('skip' in code) return { kind: 'skip', reason: code.skip, ...located(line, raw, where(line)) };
  if (!/^\d{6}$/.test(f.traceNo.text)) return bad(f.traceNo, '系统跟踪号 (traceNo) is not 6 digits');
  if (!/^\d{12}$/.test(f.txnAmt.text)) return bad(f.txnAmt, '交易金额 (txnAmt) is not 12 digits of fen');
  const time = /^(\d{4})(\d{6})$/.exec(f.txnTime.text);
  const date = time ? dateOfMmdd(time[1] ?? '', day) : null;
  if (!time || !date) return bad(f.txnTime, `交易传输时间 (txnTime) is not MMDDhhmmss in ${day.year}`);
  const fee = signedFen(rawField(bytes, f.merFee));
  if (!fee) return bad(f.merFee, '商户手续费 (merFee) is not C/D + 12 digits');
  const net = signedFen(rawField(bytes, f.settleNetAmt));
  if (!net) return bad(f.settleNetAmt, '清算净额 (settleNetAmt) is not C/D + 12 digits');
  let origDate: string | null = null;
  if (f.origTxnTime.text !== '') {
    origDate = dateOfMmdd(f.origTxnTime.text.slice(0, 4), day);
    if (!origDate || !/^\d{10}$/.test(f.origTxnTime.text)) return bad(f.origTxnTime, '原始交易日期时间 (origTxnTime) is not MMDDhhmmss');
  }
  const amount = Number(f.txnAmt.text);
  const credit = code.type === 'REFUND' || code.type === 'VOID';
  const fields: FieldMap = {
    merchant_id: f.merId.text,
    terminal_id: f.termId.text,
    trace_no: f.traceNo.text,
    txn_type: code.type,
    amount_fen: String(amount),
    txn_datetime: `${date.replace(/-/g, '')}${time[2] ?? ''}`,
    // D: the merchant pays the fee; C: it is given back (a refund's fee).
    fee_fen: String(fee.side === 'C' ? -fee.fen : fee.fen),
    // C: paid to the merchant; D: taken from it.
    net_amount_fen: String(net.side === 'D' ? -net.fen : net.fen),
    ...(day.date ? { settle_date: day.date } : {}),
    ...opt('card_no', f.cardNo.text),
    ...opt('order_no', f.orderId.text),
    ...opt('orig_trace_no', f.origTraceNo.text),
    ...opt('orig_date', origDate ?? ''),
    ...opt('card_type', CARD_TYPES[f.payCardType.text] ?? f.payCardType.text),
  };
  return { kind: 'fields', fields, measures: rdMeasures(amount, credit, fee, net), ...located(line, raw, where(line)) };
}

function opt(key: keyof FieldMap, value: string): FieldMap {
  return value === '' ? {} : { [key]: value };
}

/** What the record adds to the RD report's columns: sales on the credit (贷) side, refunds and voids on the debit (借). */
function rdMeasures(amount: number, credit: boolean, fee: { fen: number; side: string }, net: { fen: number; side: string }): Record<RdKey, number> {
  return {
    count: 1,
    amount_debit: credit ? amount : 0,
    amount_credit: credit ? 0 : amount,
    fee_debit: fee.side === 'C' ? 0 : fee.fen,
    fee_credit: fee.side === 'C' ? fee.fen : 0,
    net_debit: net.side === 'D' ? net.fen : 0,
    net_credit: net.side === 'D' ? 0 : net.fen,
  };
}

const ZME_LAYOUT = ZME_WIDTHS.map((w, i) => [`f${i + 1}`, w] as const);

/**
 * A ZME (差错) record: an adjustment UnionPay made after the fact. Only its widths are published, so it is not
 * turned into a settlement line; it is kept (skipped, with its first fields spelled out) and raised as a warning.
 */
export function zmeRow(bytes: Buffer, raw: string, line: number, where: Where): SourceRow {
  const sliced = sliceRecord(bytes, ZME_LAYOUT, ZME_LENGTH);
  if (!sliced.ok) return { kind: 'reject', reason: `ZME record: ${sliced.reason}`, ...located(line, raw, where(line, `${sliced.start}-${sliced.end}`)) };
  const f = sliced.fields;
  const card = maskCard(f.f6?.text ?? '');
  const amount = parseFen(f.f7?.text ?? '');
  const what = `ZME adjustment (差错) record: code ${f.f1?.text ?? ''}, trace ${f.f4?.text ?? ''}, time ${f.f5?.text ?? ''}, card ${'masked' in card ? card.masked : 'n/a'}, amount ${amount.ok ? formatYuan(amount.value) : (f.f7?.text ?? '')}`;
  return {
    kind: 'skip',
    reason: `${what}; the ZME field names past the first eight are not published, so it is not matched`,
    warnings: [`${what}: review it with the acquirer`],
    ...located(line, raw, where(line)),
  };
}
