import type { Category } from '../domain/categories.js';

/** The report as plain data: the JSON report is this model, and other writers render it. */
export interface ReportModel {
  generated_at: string;
  database: string;
  inputs: ReportInput[];
  summary: Partial<Record<Category, { count: number; amount_fen: number }>>;
  matched: number;
  cases: ReportCase[];
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
  amount_fen: number;
  txn_time: string;
  settle_date: string | null;
  terminal_record: ReportRecord | null;
  settlement_record: ReportRecord | null;
  related_records: Array<{ role: string; side: string; record: ReportRecord | null }>;
  related_case_ids: string[];
  reason: string;
  action: string;
}
