import { splitBilingual, type Category } from '../../domain/categories.js';
import type { ReportCase, ReportRecord } from '../model.js';

/**
 * A cell as the report means it; each writer renders it its own way (xlsx: typed cells with number formats;
 * csv: text). Money stays integer fen until the writer.
 */
export type Cell =
  | { t: 'text'; v: string }
  | { t: 'money'; fen: number }
  | { t: 'int'; v: number }
  | { t: 'ratio'; v: number }
  /** Any other number, with its Excel number format. */
  | { t: 'num'; v: number; fmt: string }
  /** 'YYYY-MM-DD' */
  | { t: 'date'; v: string }
  /** 'YYYY-MM-DD HH:MM:SS' */
  | { t: 'datetime'; v: string }
  | null;

export const text = (v: string | number | null | undefined): Cell => (v === null || v === undefined || v === '' ? null : { t: 'text', v: String(v) });
export const money = (fen: number | null | undefined): Cell => (typeof fen === 'number' ? { t: 'money', fen } : null);
export const int = (v: number | null | undefined): Cell => (typeof v === 'number' ? { t: 'int', v } : null);
export const ratio = (v: number): Cell => ({ t: 'ratio', v });
export const date = (v: string | null | undefined): Cell => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? { t: 'date', v } : text(v));
export const datetime = (d: string | null | undefined, t?: string | null): Cell => {
  const v = t ? `${d ?? ''} ${t}` : (d ?? '');
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? { t: 'datetime', v } : text(v);
};

/**
 * Spreadsheet formula injection (CWE-1236): a text cell that begins with = + - @ TAB or CR may be run as a
 * formula by Excel or LibreOffice, from an xlsx cell re-entered by hand as much as from a CSV. Such text gets a
 * leading apostrophe, so it shows as the text it is and never runs. Applied to every text cell, whatever its
 * origin: settlement files are written by others.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface Column {
  header: string;
  width: number;
  get(c: ReportCase): Cell;
}

const rec = (r: ReportRecord | null, key: string): string | number | null => r?.[key] ?? null;
const num = (r: ReportRecord | null, key: string): number | null => {
  const v = r?.[key];
  return typeof v === 'number' ? v : null;
};
const source = (r: ReportRecord | null): Cell => (r ? text(`${String(r['file'])}:${String(r['line'])}`) : null);

const T = (c: ReportCase): ReportRecord | null => c.terminal_record;
const S = (c: ReportCase): ReportRecord | null => c.settlement_record;

/** The columns of a per-category sheet or CSV: the case, then the terminal and settlement fields side by side. */
export function caseColumns(category: Category): Column[] {
  const fee: Column[] =
    category === 'fee_mismatch'
      ? [
          { header: '应收手续费 Expected fee', width: 14, get: (c) => money(c.fee?.expected_fen) },
          { header: '实收手续费 Charged fee', width: 14, get: (c) => money(c.fee?.actual_fen) },
          { header: '差额 Difference', width: 12, get: (c) => money(c.fee?.diff_fen) },
        ]
      : [];
  return [
    { header: '案件号 Case', width: 20, get: (c) => text(c.id) },
    { header: '状态 Status', width: 12, get: (c) => text(c.status) },
    { header: '处理备注 Status note', width: 28, get: (c) => text(c.status_note) },
    { header: '终端号 Terminal', width: 11, get: (c) => text(c.terminal_id) },
    { header: '商户号 Merchant', width: 17, get: (c) => text(c.merchant_id) },
    { header: '交易时间 Time', width: 19, get: (c) => datetime(c.txn_time) },
    { header: '清算日期 Settle date', width: 12, get: (c) => date(c.settle_date) },
    { header: '金额 Amount', width: 13, get: (c) => money(c.amount_fen) },
    ...fee,
    { header: '终端:类型 T type', width: 10, get: (c) => text(rec(T(c), 'txn_type')) },
    { header: '终端:状态 T status', width: 16, get: (c) => text(rec(T(c), 'status')) },
    { header: '终端:应答码 T code', width: 9, get: (c) => text(rec(T(c), 'response_code')) },
    { header: '终端:批次号 T batch', width: 9, get: (c) => text(rec(T(c), 'batch_no')) },
    { header: '终端:凭证号 T trace', width: 9, get: (c) => text(rec(T(c), 'trace_no')) },
    { header: '终端:参考号 T RRN', width: 14, get: (c) => text(rec(T(c), 'rrn')) },
    { header: '终端:授权码 T auth', width: 9, get: (c) => text(rec(T(c), 'auth_code')) },
    { header: '终端:卡号 T card', width: 21, get: (c) => text(rec(T(c), 'card_masked')) },
    { header: '终端:金额 T amount', width: 13, get: (c) => money(num(T(c), 'amount_fen')) },
    { header: '终端:时间 T time', width: 19, get: (c) => (T(c) ? datetime(String(rec(T(c), 'txn_date')), String(rec(T(c), 'txn_time'))) : null) },
    { header: '终端:操作员 T operator', width: 9, get: (c) => text(rec(T(c), 'operator')) },
    { header: '终端:订单号 T order', width: 14, get: (c) => text(rec(T(c), 'order_no')) },
    { header: '终端:来源 T source', width: 22, get: (c) => source(T(c)) },
    { header: '结算:类型 S type', width: 10, get: (c) => text(rec(S(c), 'txn_type')) },
    { header: '结算:批次号 S batch', width: 9, get: (c) => text(rec(S(c), 'batch_no')) },
    { header: '结算:凭证号 S trace', width: 9, get: (c) => text(rec(S(c), 'trace_no')) },
    { header: '结算:参考号 S RRN', width: 14, get: (c) => text(rec(S(c), 'rrn')) },
    { header: '结算:授权码 S auth', width: 9, get: (c) => text(rec(S(c), 'auth_code')) },
    { header: '结算:卡号 S card', width: 21, get: (c) => text(rec(S(c), 'card_masked')) },
    { header: '结算:卡类别 S card type', width: 10, get: (c) => text(rec(S(c), 'card_type')) },
    { header: '结算:金额 S amount', width: 13, get: (c) => money(num(S(c), 'amount_fen')) },
    { header: '结算:手续费 S fee', width: 11, get: (c) => money(num(S(c), 'fee_fen')) },
    { header: '结算:净额 S net', width: 13, get: (c) => money(num(S(c), 'net_fen')) },
    { header: '结算:时间 S time', width: 19, get: (c) => (S(c) ? datetime(String(rec(S(c), 'txn_date')), String(rec(S(c), 'txn_time'))) : null) },
    { header: '结算:清算日期 S settle date', width: 12, get: (c) => date(rec(S(c), 'settle_date') as string | null) },
    { header: '结算:商户名称 S store name', width: 20, get: (c) => text(rec(S(c), 'store_name')) },
    { header: '结算:订单号 S order', width: 14, get: (c) => text(rec(S(c), 'order_no')) },
    { header: '结算:来源 S source', width: 24, get: (c) => source(S(c)) },
    { header: '原因 Reason', width: 80, get: (c) => text(c.reason) },
    { header: '处理建议 Action (中文)', width: 50, get: (c) => text(splitBilingual(c.action).zh) },
    { header: 'Action (English)', width: 60, get: (c) => text(splitBilingual(c.action).en) },
    { header: '关联案件 Related cases', width: 20, get: (c) => text(c.related_case_ids.join(' ')) },
    { header: '终端原始行 T raw line', width: 60, get: (c) => text(rec(T(c), 'raw')) },
    { header: '结算原始行 S raw line', width: 60, get: (c) => text(rec(S(c), 'raw')) },
  ];
}
