import { addDays, parseDate, parseDateTime, parseTime, type IsoDate, type IsoTime } from '../domain/dates.js';
import { parseFen, parseYuan, type Fen, type ParseResult } from '../domain/money.js';
import { maskCard } from '../domain/pan.js';
import type { SettlementRecord, Side, TerminalRecord, TxnFields } from '../domain/record.js';
import { APPROVED_CODES } from '../domain/response-codes.js';
import { directionOf, lookupStatus, lookupTxnType, type TxnStatus, type TxnType } from '../domain/txn.js';
import type { FieldMap } from './fields.js';

export type Normalized<T> = { kind: 'record'; record: T } | { kind: 'skip'; reason: string } | { kind: 'reject'; reason: string };

export interface NormalizeContext {
  /** 'HH:MM:SS'; a transaction at or after it settles the next day. */
  cutoff: string;
  /** QR and online settlement rows (WeChat, Alipay) may lack a terminal id; it is stored as ''. */
  terminalOptional?: boolean;
}

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

/** Terminal ids, batch and trace numbers lose their leading zeros in spreadsheets; put them back. */
function padded(v: string | undefined, width: number): string | null {
  const s = opt(v);
  if (s === null) return null;
  return /^\d+$/.test(s) && s.length < width ? s.padStart(width, '0') : s;
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
  if (dt !== null) return unwrap(parseDateTime(dt), 'txn_datetime');
  const date = opt(fields.txn_date) ?? fail('txn_date: empty (expected the transaction date)');
  const dateOnly = parseDateTime(date);
  if (dateOnly.ok && opt(fields.txn_time) === null) return dateOnly.value;
  const time = opt(fields.txn_time) ?? fail('txn_time: empty (expected the transaction time)');
  return { date: unwrap(parseDate(date), 'txn_date'), time: unwrap(parseTime(time), 'txn_time') };
}

function common(fields: FieldMap, typeFallback: (amount: Fen) => TxnType, terminalOptional = false): TxnFields | { skip: string } {
  const terminalId = opt(fields.terminal_id) ?? (terminalOptional ? '' : fail('terminal_id: empty (expected the terminal number)'));
  const signed = money(fields, 'amount') ?? fail('amount: empty (expected the transaction amount)');
  const typeText = opt(fields.txn_type);
  let txnType: TxnType;
  if (typeText === null) {
    txnType = typeFallback(signed);
  } else {
    const found = lookupTxnType(typeText);
    if (found.kind === 'non-financial') return { skip: `non-financial transaction type "${typeText}"` };
    if (found.kind === 'unknown') fail(`txn_type: "${typeText}" is not a known type (expected 消费/SALE, 撤销/VOID, 退货/REFUND, 预授权/AUTH, 预授权完成/COMPLETION)`);
    txnType = found.value;
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
    batchNo: padded(fields.batch_no, 6),
    traceNo: padded(fields.trace_no, 6),
    rrn: opt(fields.rrn),
    authCode: opt(fields.auth_code),
    cardMasked,
    cardLast4,
    txnType,
    direction: directionOf(txnType),
    amountFen: Math.abs(signed) as Fen,
    txnDate: date,
    txnTime: time,
    origTraceNo: padded(fields.orig_trace_no, 6),
    origRrn: opt(fields.orig_rrn),
    origDate: origDate === null ? null : unwrap(parseDate(origDate), 'orig_date'),
    orderNo: opt(fields.order_no),
  };
}

function status(fields: FieldMap, responseCode: string | null): TxnStatus {
  const text = opt(fields.status);
  if (text !== null) {
    const found = lookupStatus(text);
    if (found === 'SUCCESS' && responseCode !== null && !APPROVED_CODES.has(responseCode)) {
      fail(`status "${text}" contradicts response_code ${responseCode}, which is not an approval`);
    }
    if (found === 'DECLINED' && responseCode !== null && APPROVED_CODES.has(responseCode)) {
      fail(`status "${text}" contradicts response_code ${responseCode}, which is an approval`);
    }
    return found ?? fail(`status: "${text}" is not a known status (expected 成功/SUCCESS, 失败/DECLINED, 超时/TIMEOUT, 已冲正/REVERSED, 冲正失败/REVERSAL_FAILED)`);
  }
  if (responseCode === null) fail('status and response_code are both empty (expected at least one)');
  if (APPROVED_CODES.has(responseCode)) return 'SUCCESS';
  return responseCode === '98' ? 'TIMEOUT' : 'DECLINED';
}

function guard<T>(build: () => T | { skip: string }): Normalized<T> {
  try {
    const r = build();
    if (r !== null && typeof r === 'object' && 'skip' in r) return { kind: 'skip', reason: r.skip };
    return { kind: 'record', record: r };
  } catch (e) {
    if (e instanceof RowProblem) return { kind: 'reject', reason: e.message };
    throw e;
  }
}

export function normalizeTerminal(fields: FieldMap): Normalized<TerminalRecord> {
  return guard(() => {
    const base = common(fields, () => fail('txn_type: empty (expected the transaction type)'));
    if ('skip' in base) return base;
    const responseCode = opt(fields.response_code)?.toUpperCase() ?? null;
    return { ...base, responseCode, status: status(fields, responseCode), operator: opt(fields.operator) };
  });
}

/** Settlement day: the transaction date, or the next day at or after the acquirer's cut-off. */
export function settlementDay(date: IsoDate, time: string, cutoff: string): IsoDate {
  return time >= cutoff ? addDays(date, 1) : date;
}

export function normalizeSettlement(fields: FieldMap, ctx: NormalizeContext): Normalized<SettlementRecord> {
  return guard(() => {
    // Without a type column the sign tells the direction: acquirers print credits as negative amounts.
    const base = common(fields, (amount) => (amount < 0 ? 'REFUND' : 'SALE'), ctx.terminalOptional);
    if ('skip' in base) return base;
    const settle = opt(fields.settle_date);
    return {
      ...base,
      settleDate: settle === null ? settlementDay(base.txnDate, base.txnTime, ctx.cutoff) : unwrap(parseDate(settle), 'settle_date'),
      feeFen: money(fields, 'fee'),
      netFen: money(fields, 'net_amount'),
      cardType: opt(fields.card_type),
      storeName: opt(fields.store_name),
    };
  });
}

export function normalize(side: Side, fields: FieldMap, ctx: NormalizeContext): Normalized<TerminalRecord | SettlementRecord> {
  return side === 'terminal' ? normalizeTerminal(fields) : normalizeSettlement(fields, ctx);
}
