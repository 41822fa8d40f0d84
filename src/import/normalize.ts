import { addDays, parseDate, parseDateTime, parseTime, type IsoDate, type IsoTime } from '../domain/dates.js';
import { batchNoOf, terminalIdOf, traceNoOf, zeroPadded } from '../domain/ids.js';
import { parseFen, parseYuan, type Fen, type ParseResult } from '../domain/money.js';
import { maskCard } from '../domain/pan.js';
import type { SettlementRecord, Side, TerminalRecord, TxnFields } from '../domain/record.js';
import { APPROVED_CODES } from '../domain/response-actions.js';
import { directionOf, lookupStatus, lookupTxnType, type TxnStatus, type TxnType } from '../domain/txn.js';
import type { FieldMap } from './fields.js';
import { memo } from './memo.js';

export type Normalized<T> =
  | { kind: 'record'; record: T }
  /** `accounted`: skipped on purpose although it is a transaction (a pre-auth), so the file's totals count it as taken in. */
  | { kind: 'skip'; reason: string; accounted?: boolean }
  | { kind: 'reject'; reason: string };

export interface NormalizeContext {
  /** 'HH:MM:SS'; a transaction at or after it settles the next day. */
  cutoff: string;
  /** QR and online settlement rows (WeChat, Alipay) may lack a terminal id; it is stored as ''. */
  terminalOptional?: boolean;
  /** The file covers the natural day (WeChat, Alipay): a row without a clearing date settles on its own date. */
  naturalDay?: boolean;
}

// Every row of a journal repeats a handful of dates, types and statuses: parse each distinct text once.
const dateOf = memo(parseDate);
const dateTimeOf = memo(parseDateTime);
const typeOf = memo(lookupTxnType);
const statusOf = memo(lookupStatus);

class RowProblem extends Error {}

function fail(reason: string): never {
  throw new RowProblem(reason);
}

function unwrap<T>(r: ParseResult<T>, field: string): T {
  if (!r.ok) fail(`${field}: ${r.reason}`);
  return r.value;
}

function opt(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}

/** Leading zeros put back on both sides, so `1080209` in a journal pairs with `01080209` in a settlement file. */
function padded(v: string | undefined, pad: (s: string) => string): string | null {
  const s = opt(v);
  return s === null ? null : pad(s);
}

/**
 * A reference number (field 37) is 12 characters; an all-digit one of 11 is that number with its leading zero lost
 * in a spreadsheet (terminals often start it with the MMDD date, e.g. 030819618128). Only exactly 11 digits are
 * padded: the zero put back equals the number read, so no two different references can become one, and shorter
 * values are more likely some other reference than a truncated RRN.
 */
function rrnOf(v: string | undefined): string | null {
  const s = opt(v);
  if (s === null) return null;
  return s.length === 11 ? zeroPadded(s, 12) : s;
}

/**
 * ISO 8583 field 39 is always two characters, but a spreadsheet turns `00` into `0` and `05` into `5`: read as is,
 * every approved sale of such a journal would be declined. Letter codes (A2) are upper-cased.
 */
function responseCodeOf(v: string | undefined): string | null {
  const s = opt(v);
  return s === null ? null : zeroPadded(s, 2).toUpperCase();
}

function money(fields: FieldMap, yuanKey: 'amount' | 'fee' | 'net_amount'): Fen | null {
  const fenKey = `${yuanKey}_fen` as const;
  const fen = opt(fields[fenKey]);
  if (fen !== null) return unwrap(parseFen(fen), fenKey);
  const yuan = opt(fields[yuanKey]);
  return yuan === null ? null : unwrap(parseYuan(yuan), yuanKey);
}

function when(fields: FieldMap): { date: IsoDate; time: IsoTime } {
  const dt = opt(fields.txn_datetime);
  if (dt !== null) return unwrap(dateTimeOf(dt), 'txn_datetime');
  const date = opt(fields.txn_date) ?? fail('txn_date: empty (expected the transaction date)');
  const time = opt(fields.txn_time);
  if (time === null) {
    const dateOnly = dateTimeOf(date);
    if (dateOnly.ok) return dateOnly.value;
    fail('txn_time: empty (expected the transaction time)');
  }
  return { date: unwrap(dateOf(date), 'txn_date'), time: unwrap(parseTime(time), 'txn_time') };
}

interface CommonOptions {
  /** Without a type column, the sign tells the direction (settlement files); otherwise a missing type is an error. */
  typeFromSign: boolean;
  terminalOptional: boolean;
}

/** The fields both sides share, or the reason the row is skipped. Throws RowProblem for a bad row. */
function common(fields: FieldMap, o: CommonOptions): TxnFields | string {
  const terminalId = padded(fields.terminal_id, terminalIdOf) ?? (o.terminalOptional ? '' : fail('terminal_id: empty (expected the terminal number)'));
  const signed = money(fields, 'amount') ?? fail('amount: empty (expected the transaction amount)');
  const typeText = opt(fields.txn_type);
  let txnType: TxnType;
  if (typeText === null) {
    // Acquirers print credits as negative amounts.
    if (!o.typeFromSign) fail('txn_type: empty (expected the transaction type)');
    txnType = signed < 0 ? 'REFUND' : 'SALE';
  } else {
    const found = typeOf(typeText);
    if (found.kind === 'non-financial') return `non-financial transaction type "${typeText}"`;
    if (found.kind === 'unknown') fail(`txn_type: "${typeText}" is not a known type (expected 消费/SALE, 撤销/VOID, 退货/REFUND, 预授权/AUTH, 预授权完成/COMPLETION)`);
    txnType = found.value;
    // Voids and refunds may be printed negative (a statement's credit lines), so their sign is dropped; a sale printed
    // negative is not a sale, and storing it as one would invent money.
    if (signed < 0 && directionOf(txnType) === 'debit') wrongSign(fields, typeText, txnType);
  }
  const { date, time } = when(fields);
  const cardText = opt(fields.card_no);
  let cardMasked: string | null = null;
  let cardLast4: string | null = null;
  if (cardText !== null) {
    const card = maskCard(cardText);
    if ('error' in card) fail(`card_no: ${card.error}`);
    cardMasked = card.masked;
    cardLast4 = card.last4;
  }
  const origDate = opt(fields.orig_date);
  return {
    merchantId: opt(fields.merchant_id),
    terminalId,
    batchNo: padded(fields.batch_no, batchNoOf),
    traceNo: padded(fields.trace_no, traceNoOf),
    rrn: rrnOf(fields.rrn),
    authCode: opt(fields.auth_code),
    cardMasked,
    cardLast4,
    txnType,
    direction: directionOf(txnType),
    amountFen: Math.abs(signed) as Fen,
    txnDate: date,
    txnTime: time,
    origTraceNo: padded(fields.orig_trace_no, traceNoOf),
    origRrn: rrnOf(fields.orig_rrn),
    origDate: origDate === null ? null : origDateOf(origDate, date),
    orderNo: opt(fields.order_no),
  };
}

const MMDD = /^(\d{2})(\d{2})$/;

/**
 * 原交易日期 as field 61 and the refund slip print it (domain.md §2.3, §7.3) is MMDD: its year is the refund's own,
 * or the one before when that would put the sale after the refund (a January refund of a December sale).
 */
function origDateOf(text: string, txnDate: IsoDate): IsoDate {
  const md = MMDD.exec(text);
  if (!md) return unwrap(dateOf(text), 'orig_date');
  const year = Number(txnDate.slice(0, 4));
  const inYear = (y: number): IsoDate | null => {
    const d = dateOf(`${y}-${md[1]}-${md[2]}`);
    return d.ok ? d.value : null;
  };
  const same = inYear(year);
  const date = same !== null && same <= txnDate ? same : inYear(year - 1);
  return date ?? fail(`orig_date: "${text}" is not a date (expected YYYY-MM-DD, YYYYMMDD, or MMDD as a slip prints it)`);
}

function wrongSign(fields: FieldMap, typeText: string, txnType: TxnType): never {
  const key = opt(fields.amount_fen) === null ? 'amount' : 'amount_fen';
  fail(`${key}: "${fields[key] ?? ''}" is negative, but ${typeText === txnType ? typeText : `"${typeText}" (${txnType})`} takes money from the card (expected a positive amount; only voids and refunds may be negative)`);
}

function status(fields: FieldMap, responseCode: string | null): TxnStatus {
  const text = opt(fields.status);
  if (text !== null) {
    const found = statusOf(text);
    if (found === 'SUCCESS' && responseCode !== null && !APPROVED_CODES.has(responseCode)) {
      fail(`status "${text}" contradicts response_code ${responseCode}, which is not an approval`);
    }
    if (found === 'DECLINED' && responseCode !== null && APPROVED_CODES.has(responseCode)) {
      fail(`status "${text}" contradicts response_code ${responseCode}, which is an approval`);
    }
    return found ?? fail(`status: "${text}" is not a known status (expected 成功/SUCCESS, 失败/DECLINED, 超时/TIMEOUT, 已冲正/REVERSED, 冲正失败/REVERSAL_FAILED)`);
  }
  if (responseCode === null) fail('status and response_code are both empty (expected at least one)');
  return statusOfCode(responseCode);
}

/** A status read from the response code alone: the approval codes, 98 (no reply) a timeout, any other a decline. */
function statusOfCode(code: string): 'SUCCESS' | 'TIMEOUT' | 'DECLINED' {
  if (APPROVED_CODES.has(code)) return 'SUCCESS';
  return code === '98' ? 'TIMEOUT' : 'DECLINED';
}

function rejected(e: unknown): { kind: 'reject'; reason: string } {
  if (e instanceof RowProblem) return { kind: 'reject', reason: e.message };
  throw e;
}

const TERMINAL: CommonOptions = { typeFromSign: false, terminalOptional: false };

// The records are written out field by field: spreading the common fields into them cost ~5 µs a row (V8 copies
// the object slowly), a third of all the normalising time.
export function normalizeTerminal(fields: FieldMap): Normalized<TerminalRecord> {
  try {
    const b = common(fields, TERMINAL);
    if (typeof b === 'string') return { kind: 'skip', reason: b };
    const responseCode = responseCodeOf(fields.response_code);
    const record: TerminalRecord = {
      merchantId: b.merchantId, terminalId: b.terminalId, batchNo: b.batchNo, traceNo: b.traceNo, rrn: b.rrn,
      authCode: b.authCode, cardMasked: b.cardMasked, cardLast4: b.cardLast4, txnType: b.txnType, direction: b.direction,
      amountFen: b.amountFen, txnDate: b.txnDate, txnTime: b.txnTime, origTraceNo: b.origTraceNo, origRrn: b.origRrn,
      origDate: b.origDate, orderNo: b.orderNo,
      responseCode,
      status: status(fields, responseCode),
      operator: opt(fields.operator),
    };
    return { kind: 'record', record };
  } catch (e) {
    return rejected(e);
  }
}

/** Settlement day: the transaction date, or the next day at or after the acquirer's cut-off. */
export function settlementDay(date: IsoDate, time: string, cutoff: string): IsoDate {
  return time >= cutoff ? addDays(date, 1) : date;
}

/**
 * A settlement line is money that moved. Where one carries a status or response code saying the attempt failed,
 * timed out or was reversed, nothing settled on it: skipped with the reason (an acquirer listing its failed orders),
 * not counted as settled money, which is what happened to every timed-out attempt of a journal given as a
 * settlement file. A failed reversal is rejected: the line alone cannot tell whether the money moved. A status
 * text posrecon does not know is left alone, as before: acquirers have their own words.
 */
function unsettledStatus(fields: FieldMap): Normalized<never> | null {
  const text = opt(fields.status);
  const code = text === null ? responseCodeOf(fields.response_code) : null;
  if (text === null && code === null) return null;
  const status = text !== null ? statusOf(text) : statusOfCode(code ?? '');
  if (status === undefined || status === 'SUCCESS') return null;
  const shown = text !== null ? `status "${text}"` : `response_code ${code ?? ''}`;
  switch (status) {
    case 'DECLINED':
    case 'TIMEOUT':
      return { kind: 'skip', reason: `${shown} (${status}): the attempt did not complete, so nothing settled on it` };
    case 'REVERSED':
      return { kind: 'skip', reason: `${shown} (${status}): reversed, so it and its reversal net to zero` };
    case 'REVERSAL_FAILED':
      return { kind: 'reject', reason: `${shown} (${status}): a failed reversal; whether the money moved cannot be told from this line (expected a settled line; check it with the acquirer)` };
  }
}

const SETTLEMENT: CommonOptions = { typeFromSign: true, terminalOptional: false };
const PRE_AUTH_SKIP = {
  kind: 'skip',
  reason: 'pre-authorisation (预授权): a hold on the card, no money settles; its completion (预授权完成) is what settles',
  accounted: true,
} as const;
const SETTLEMENT_QR: CommonOptions = { typeFromSign: true, terminalOptional: true };

export function normalizeSettlement(fields: FieldMap, ctx: NormalizeContext): Normalized<SettlementRecord> {
  try {
    const b = common(fields, ctx.terminalOptional === true ? SETTLEMENT_QR : SETTLEMENT);
    if (typeof b === 'string') return { kind: 'skip', reason: b };
    // domain.md §4.5: a pre-auth only holds funds and never settles; its completion is what settles. Kept, it would
    // stand as a settled line the terminal never recorded (the journal's pre-auth is no sale to pair it with).
    if (b.txnType === 'AUTH') return PRE_AUTH_SKIP;
    const unsettled = unsettledStatus(fields);
    if (unsettled !== null) return unsettled;
    const settle = opt(fields.settle_date);
    const record: SettlementRecord = {
      merchantId: b.merchantId, terminalId: b.terminalId, batchNo: b.batchNo, traceNo: b.traceNo, rrn: b.rrn,
      authCode: b.authCode, cardMasked: b.cardMasked, cardLast4: b.cardLast4, txnType: b.txnType, direction: b.direction,
      amountFen: b.amountFen, txnDate: b.txnDate, txnTime: b.txnTime, origTraceNo: b.origTraceNo, origRrn: b.origRrn,
      origDate: b.origDate, orderNo: b.orderNo,
      settleDate: settle !== null ? unwrap(dateOf(settle), 'settle_date') : ctx.naturalDay === true ? b.txnDate : settlementDay(b.txnDate, b.txnTime, ctx.cutoff),
      feeFen: money(fields, 'fee'),
      netFen: money(fields, 'net_amount'),
      cardType: opt(fields.card_type),
      storeName: opt(fields.store_name),
    };
    return { kind: 'record', record };
  } catch (e) {
    return rejected(e);
  }
}

export function normalize(side: Side, fields: FieldMap, ctx: NormalizeContext): Normalized<TerminalRecord | SettlementRecord> {
  return side === 'terminal' ? normalizeTerminal(fields) : normalizeSettlement(fields, ctx);
}
