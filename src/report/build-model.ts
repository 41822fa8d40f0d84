import { CASE_STATUSES, isCaseStatus, type CaseStatus } from '../domain/case-status.js';
import { CATEGORIES, isCategory, NOT_YET_DISCREPANCIES, type Category } from '../domain/categories.js';
import { formatYuan } from '../domain/money.js';
import { atStakeFen } from '../match/at-stake.js';
import { FEE_TOLERANCE_FEN, type FeeSummary } from '../match/fees.js';
import type { Db } from '../store/open.js';
import { controlTotalsRepo } from '../store/repos/control-totals.js';
import { filesRepo } from '../store/repos/files.js';
import { reportDataRepo, type CaseFacts, type CaseRow, type RecordRow } from '../store/repos/report-data.js';
import type { CountAmount, ReportBreakdown, ReportCase, ReportFees, ReportHead, ReportModel, ReportRecord, ReportSource } from './model.js';
import { readTerminalHealth } from './terminal-health.js';

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

/** One stored case as the report shows it, with the records it cites. */
export function toReportCase(data: ReturnType<typeof reportDataRepo>, r: CaseRow): ReportCase {
  if (!isCategory(r.category)) throw new Error(`unknown category ${r.category} in database`);
  const related = JSON.parse(r.related_record_ids) as Array<{ side: string; id: number; role: string }>;
  return {
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
    status: isCaseStatus(r.status) ? r.status : 'open',
    status_note: r.status_note,
    status_updated_by: r.status_by,
    status_updated_at: r.status_at,
    fee:
      r.fee_expected_fen === null || r.fee_actual_fen === null
        ? null
        : { expected_fen: r.fee_expected_fen, actual_fen: r.fee_actual_fen, diff_fen: r.fee_actual_fen - r.fee_expected_fen },
  };
}

/** The money a case puts at stake, which every total adds up, by the rule the match run's totals use too. */
function caseAtStakeFen(c: CaseFacts): number {
  const fee = c.fee_expected_fen === null || c.fee_actual_fen === null ? null : { expectedFen: c.fee_expected_fen, actualFen: c.fee_actual_fen };
  return atStakeFen({ category: c.category, amountFen: c.amount_fen, settledFen: c.settled_fen, fee });
}

/** Totals by a key (terminal, day) with discrepancies and counts per category, built one case at a time; keys sorted. */
function breakdown(keyOf: (c: CaseFacts) => string, withMerchant: boolean) {
  const map = new Map<string, ReportBreakdown>();
  const add = (x: CountAmount, fen: number): void => {
    x.count++;
    x.amount_fen += fen;
  };
  return {
    /** fen: the case's money at stake (caseAtStakeFen), computed once for every total it goes into. */
    add(c: CaseFacts, fen: number): void {
      const key = keyOf(c);
      let b = map.get(key);
      if (!b) {
        b = { key, merchant_id: withMerchant ? c.merchant_id : null, total: { count: 0, amount_fen: 0 }, discrepancies: { count: 0, amount_fen: 0 }, by_category: {} };
        map.set(key, b);
      }
      add(b.total, fen);
      if (!NOT_YET_DISCREPANCIES.has(c.category as Category)) add(b.discrepancies, fen);
      add((b.by_category[c.category as Category] ??= { count: 0, amount_fen: 0 }), fen);
    },
    rows(): ReportBreakdown[] {
      // Categories in their report order, whatever order the cases came in.
      const ordered = (b: ReportBreakdown): ReportBreakdown => ({
        ...b,
        by_category: Object.fromEntries(CATEGORIES.flatMap((c) => (b.by_category[c] ? [[c, b.by_category[c]]] : []))),
      });
      return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(ordered);
    },
  };
}

function fees(summaryJson: string | null | undefined): ReportFees | null {
  if (!summaryJson) return null;
  const s = JSON.parse(summaryJson) as FeeSummary;
  return {
    checked: s.checked,
    within_tolerance: s.withinTolerance,
    tolerance_fen: FEE_TOLERANCE_FEN,
    overcharged: { count: s.overcharged.count, amount_fen: s.overcharged.amountFen },
    undercharged: { count: s.undercharged.count, amount_fen: s.undercharged.amountFen },
    net_diff_fen: s.netDiffFen,
    no_rate: s.noRate,
    no_fee: s.noFee,
    credit_lines: s.creditLines,
    rate_rules: s.rateRules,
  };
}

/** A control total as a person reads it: a count, yuan, or yuan to 5 decimals. */
function scaled(n: number | null, scale: number): string {
  if (n === null) return 'n/a';
  if (scale === 0) return String(n);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n).toString().padStart(scale + 1, '0');
  return `${sign}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

/** Cases read per query while a report is written: memory holds one page, not the whole report. */
const PAGE = 500;

/** Store → report. Cases are listed in category order, then by terminal and time. */
export function openReport(db: Db, opts: BuildModelOptions): ReportSource {
  const data = reportDataRepo(db);
  const summary: ReportModel['summary'] = Object.fromEntries(CATEGORIES.map((c) => [c, { count: 0, amount_fen: 0 }]));
  const statusCounts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byTerminal = breakdown((c) => c.terminal_id, true);
  const byDay = breakdown((c) => c.txn_date, false);
  let caseCount = 0;
  data.eachCaseFacts(opts.category, (c) => {
    caseCount++;
    const s = (summary[c.category as Category] ??= { count: 0, amount_fen: 0 });
    s.count++;
    const fen = caseAtStakeFen(c);
    s.amount_fen += fen;
    statusCounts[isCaseStatus(c.status) ? c.status : 'open']++;
    byTerminal.add(c, fen);
    byDay.add(c, fen);
  });
  async function* cases(category?: Category): AsyncIterable<ReportCase> {
    if (opts.category && category && category !== opts.category) return;
    const ids = data.caseIds(CATEGORIES, category ?? opts.category);
    for (let i = 0; i < ids.length; i += PAGE) {
      for (const row of data.casesByIds(ids.slice(i, i + PAGE))) yield toReportCase(data, row);
      // Lets the writer's output stream drain between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const controls = controlTotalsRepo(db).list();
  const inputs = filesRepo(db)
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
      control_totals: controls
        .filter((c) => c.file_id === f.id)
        .map((c) => ({ source: c.source, label: c.label, scale: c.scale, stated: c.stated, in_rows: c.in_rows, imported: c.imported, status: c.status })),
    }));
  const feeReport = fees(data.latestRun()?.fee_summary);
  const warnings = [
    ...inputs.flatMap((i) =>
      i.control_totals
        .filter((c) => c.status === 'differs')
        .map((c) => `${i.file}: ${c.label} is ${scaled(c.stated, c.scale)} in the file's own totals (${c.source}) but ${scaled(c.in_rows, c.scale)} in its rows, ${scaled(c.imported, c.scale)} imported`),
    ),
    ...inputs.filter((i) => i.rejected > 0).map((i) => `${i.file}: ${i.rejected} of ${i.read} rows rejected (kept in the database with their reason)`),
    ...(feeReport && feeReport.rate_rules === 0 ? ['No rate card: fees were not checked (posrecon rates set … or rates import FILE.json).'] : []),
    ...(feeReport && feeReport.rate_rules > 0 && feeReport.no_rate > 0 ? [`${feeReport.no_rate} settled lines have no rate in the rate card: their fees were not checked.`] : []),
    ...(feeReport && feeReport.overcharged.count > 0
      ? [`Fees overcharged on ${feeReport.overcharged.count} ${feeReport.overcharged.count === 1 ? 'line' : 'lines'}, ${formatYuan(feeReport.overcharged.amount_fen)} in total.`]
      : []),
  ];
  const head: ReportHead = {
    generated_at: opts.now.toISOString(),
    database: opts.database,
    inputs,
    summary,
    matched: data.matchedCount(),
    summary_by_terminal: byTerminal.rows(),
    summary_by_day: byDay.rows(),
    status_counts: statusCounts,
    fees: feeReport,
    terminal_health: readTerminalHealth(db),
    warnings,
  };
  return { head, caseCount, cases };
}
