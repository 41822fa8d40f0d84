import type { Side } from '../../domain/record.js';

/** The canonical fields a profile can map a column onto (README "Input columns"). Units come from `amounts`. */
export const PROFILE_FIELDS = [
  'merchant_id', 'terminal_id', 'batch_no', 'trace_no', 'rrn', 'auth_code', 'card_no', 'txn_type', 'amount', 'txn_date',
  'txn_time', 'txn_datetime', 'response_code', 'status', 'orig_trace_no', 'orig_rrn', 'orig_date', 'operator', 'order_no',
  'settle_date', 'fee', 'net_amount', 'card_type', 'store_name',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** One header name, or alternatives tried in order (acquirers rename columns between vintages). */
export type ColumnSpec = string | readonly string[];

export interface RowRule {
  /** A header name (or alternatives): the cell of that column is tested. */
  column: ColumnSpec;
  /** A regular expression the cell must match. */
  matches: string;
}

/**
 * A profile, version 1: a declarative description of another acquirer's CSV or Excel statement. Loaded from JSON or YAML,
 * validated with key paths in every message (validate.ts), upgraded from older versions when there are any.
 */
export interface ProfileV1 {
  version: 1;
  name: string;
  description?: string;
  /** Two lines of the input as they look, in JSON profiles (JSON has no comments; YAML ones use `# sample:`). */
  sample?: readonly string[];
  format: 'csv' | 'xlsx';
  /** Default settlement. */
  side?: Side;
  /** QR and online statements may leave the terminal empty; such rows are then kept with no terminal id. */
  terminal_optional?: boolean;
  csv?: { encoding?: 'auto' | 'utf-8' | 'gbk' | 'gb18030'; delimiter?: string };
  /** A sheet name, or its 1-based position; default the first sheet. */
  xlsx?: { sheet?: string | number };
  /** The header's 1-based row, or the names a row must contain to be the header (searched in the first 30 rows). */
  header: { row: number } | { search: readonly string[] };
  columns: Partial<Record<ProfileField, ColumnSpec>>;
  /**
   * unit: yuan (default) or fen, for amount, fee and net_amount. fee_sign "charged": the fee is the merchant's charge
   * whatever sign is printed (paid on a sale, given back on a refund or void), for files whose fee sign differs between
   * vintages (Alipay 服务费). net_before_fee: the net column is the receipt before the fee, and net = it − fee.
   */
  amounts?: { unit?: 'yuan' | 'fen'; fee_sign?: 'as-printed' | 'charged'; net_before_fee?: boolean };
  /** A column telling the direction, when amounts carry no sign and there is no type column. */
  direction?: { column: ColumnSpec; credit: readonly string[]; debit?: readonly string[] };
  /** Patterns with YYYY, MM, DD, HH, mm, ss (e.g. "DD/MM/YYYY", "YYYYMMDD HHmmss"); Excel date cells are read as dates. */
  dates?: { date?: string; time?: string; datetime?: string };
  /** Value maps applied before the usual names: e.g. { "txn_type": { "POS消费": "SALE" } }. */
  values?: { txn_type?: Readonly<Record<string, string>>; status?: Readonly<Record<string, string>> };
  /** Rows to skip (subtotals, footers, notes): each with the column tested and a pattern. */
  skip?: readonly RowRule[];
  /** Total rows: skipped, and their amount, fee and net (and a count, "N笔") checked as control totals. */
  totals?: RowRule;
}

export type Profile = ProfileV1;
export const PROFILE_VERSION = 1;
