import { CATEGORIES, isCategory, type Category } from '../domain/categories.js';
import type { Db } from '../store/open.js';
import { filesRepo } from '../store/repos/files.js';
import { reportDataRepo, type RecordRow } from '../store/repos/report-data.js';
import type { ReportCase, ReportModel, ReportRecord } from './model.js';

const HIDDEN = new Set(['file_id', 'id']);

function evidence(row: RecordRow | undefined): ReportRecord | null {
  if (!row) return null;
  const out: ReportRecord = {};
  for (const [k, v] of Object.entries(row)) if (!HIDDEN.has(k)) out[k] = v;
  return out;
}

export interface BuildModelOptions {
  database: string;
  now: Date;
  category?: Category;
}

/** Store → report model. Cases are listed in category order, then by terminal and time. */
export function buildReportModel(db: Db, opts: BuildModelOptions): ReportModel {
  const data = reportDataRepo(db);
  const rows = data.cases(opts.category);
  const summary: ReportModel['summary'] = Object.fromEntries(CATEGORIES.map((c) => [c, { count: 0, amount_fen: 0 }]));
  const cases: ReportCase[] = [];
  for (const r of rows) {
    if (!isCategory(r.category)) throw new Error(`unknown category ${r.category} in database`);
    const s = (summary[r.category] ??= { count: 0, amount_fen: 0 });
    s.count++;
    s.amount_fen += r.amount_fen;
    const related = JSON.parse(r.related_record_ids) as Array<{ side: string; id: number; role: string }>;
    cases.push({
      id: r.id,
      category: r.category,
      terminal_id: r.terminal_id,
      merchant_id: r.merchant_id,
      trace_no: r.trace_no,
      batch_no: r.batch_no,
      rrn: r.rrn,
      amount_fen: r.amount_fen,
      txn_time: `${r.txn_date} ${r.txn_time}`,
      settle_date: r.settle_date,
      terminal_record: r.terminal_record_id === null ? null : evidence(data.terminalRecord(r.terminal_record_id)),
      settlement_record: r.settlement_record_id === null ? null : evidence(data.settlementRecord(r.settlement_record_id)),
      related_records: related.map((x) => ({
        role: x.role,
        side: x.side,
        record: evidence(x.side === 'terminal' ? data.terminalRecord(x.id) : data.settlementRecord(x.id)),
      })),
      related_case_ids: JSON.parse(r.related_case_ids) as string[],
      reason: r.reason,
      action: r.action,
    });
  }
  const order = new Map(CATEGORIES.map((c, i) => [c, i]));
  cases.sort((a, b) => (order.get(a.category) ?? 0) - (order.get(b.category) ?? 0));
  return {
    generated_at: opts.now.toISOString(),
    database: opts.database,
    inputs: filesRepo(db)
      .list()
      .map((f) => ({
        file: f.name,
        side: f.side,
        format: f.format,
        encoding: f.encoding,
        sha256: f.sha256,
        read: f.rows_read,
        imported: f.rows_imported,
        rejected: f.rows_rejected,
        skipped: f.rows_skipped,
      })),
    summary,
    matched: data.matchedCount(),
    cases,
  };
}
