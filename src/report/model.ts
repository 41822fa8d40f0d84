import type { CaseStatus } from '../domain/case-status.js';
import type { Category } from '../domain/categories.js';

/**
 * The report as plain data: the JSON report is this model, and the xlsx and csv writers render it. The keys of
 * issue 2 stay as they were; issue 5 added status, fee, the per-terminal and per-day summaries, fees, terminal
 * health and warnings.
 */
export interface ReportModel {
  generated_at: string;
  database: string;
  inputs: ReportInput[];
  summary: Partial<Record<Category, CountAmount>>;
  matched: number;
  cases: ReportCase[];
  /** Cases per terminal and per transaction day, each with its counts per category. */
  summary_by_terminal: ReportBreakdown[];
  summary_by_day: ReportBreakdown[];
  status_counts: Record<CaseStatus, number>;
  /** The fee check of the last match; null for a run made before fee checks existed. */
  fees: ReportFees | null;
  terminal_health: TerminalHealth;
  /** Things a reader must not miss: rejected rows, missing rate card, control totals that disagree. */
  warnings: string[];
}

export interface CountAmount {
  count: number;
  /**
   * In the summaries, the money at stake: each case's amount, but a fee_mismatch at its fee difference (the fee
   * charged minus the contracted fee, as a size) and an amount_mismatch at the settled amount's difference from the
   * terminal's, never the whole sale (match/at-stake.ts).
   */
  amount_fen: number;
}

export interface ReportInput {
  file: string;
  side: string;
  format: string;
  encoding: string;
  sha256: string;
  read: number;
  imported: number;
  rejected: number;
  skipped: number;
  /** What the file states about itself (a totals row, a summary report) checked against its rows (issue 3). */
  control_totals: ReportControlTotal[];
}

export interface ReportControlTotal {
  source: string;
  label: string;
  /** 0: a count; 2: money in fen; 5: money in 1/100000 yuan. */
  scale: number;
  stated: number;
  in_rows: number | null;
  imported: number | null;
  status: string;
}

/** A record as evidence: its fields, and the file, line and raw text it came from. */
export type ReportRecord = Record<string, string | number | null>;

export interface ReportCase {
  id: string;
  category: Category;
  terminal_id: string;
  merchant_id: string | null;
  trace_no: string | null;
  batch_no: string | null;
  rrn: string | null;
  /** The transaction's amount; on a fee_mismatch, the sale the fee was charged on (its money at stake is the size of fee.diff_fen). */
  amount_fen: number;
  txn_time: string;
  settle_date: string | null;
  terminal_record: ReportRecord | null;
  settlement_record: ReportRecord | null;
  related_records: Array<{ role: string; side: string; record: ReportRecord | null }>;
  related_case_ids: string[];
  reason: string;
  action: string;
  status: CaseStatus;
  status_note: string | null;
  status_updated_by: string | null;
  status_updated_at: string | null;
  /** fee_mismatch only: the fee the rate card gives, the fee charged, and charged − expected. */
  fee: { expected_fen: number; actual_fen: number; diff_fen: number } | null;
}

export interface ReportBreakdown {
  /** A terminal id or a YYYY-MM-DD transaction date. */
  key: string;
  merchant_id: string | null;
  total: CountAmount;
  /** Cases that are money lost or owed (not pending_settlement or journal_not_imported), with the money at stake. */
  discrepancies: CountAmount;
  by_category: Partial<Record<Category, CountAmount>>;
}

export interface ReportFees {
  checked: number;
  within_tolerance: number;
  tolerance_fen: number;
  overcharged: CountAmount;
  undercharged: CountAmount;
  net_diff_fen: number;
  no_rate: number;
  no_fee: number;
  credit_lines: number;
  rate_rules: number;
}

export interface TerminalHealth {
  terminals: TerminalHealthRow[];
  /** Every flag, terminal by terminal: what is wrong and what to do. */
  flags: HealthFlag[];
  /** Terminal ids seen in settlement files that the merchant registry does not list. */
  unregistered: Array<{ terminal_id: string; merchant_id: string | null; lines: number; amount_fen: number; first_date: string; last_date: string }>;
  registry_terminals: number;
  /** The thresholds that flag a timeout rate, as used. */
  timeout_rule: { min_timeouts: number; min_rate: number };
  notes: string[];
}

export interface TerminalHealthRow {
  terminal_id: string;
  merchant_id: string | null;
  attempts: number;
  approved: number;
  declined: number;
  /** Timed out, reversed or reversal failed, or answered 98 (no reply from the issuer). */
  timeouts: number;
  timeout_rate: number;
  failures_by_code: ResponseCount[];
}

export interface ResponseCount {
  /** '' when the terminal got no reply. */
  code: string;
  count: number;
  meaning_zh: string;
  meaning_en: string;
  action_zh: string;
  action_en: string;
}

export type HealthFlagKind = 'terminal_not_registered' | 'merchant_invalid' | 'admin_codes_only' | 'high_timeout_rate' | 'not_in_registry';

export interface HealthFlag {
  terminal_id: string;
  kind: HealthFlagKind;
  message: string;
  action_zh: string;
  action_en: string;
}

/** The report without its cases: the writers read those as they write them (ReportSource). */
export type ReportHead = Omit<ReportModel, 'cases'>;

export interface ReportSource {
  head: ReportHead;
  caseCount: number;
  /** The report's cases in its order (category, then terminal and time), of one category if given, a page at a time. */
  cases(category?: Category): AsyncIterable<ReportCase>;
}
