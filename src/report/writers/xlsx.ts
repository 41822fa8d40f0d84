import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CASE_STATUSES, CASE_STATUS_LABEL } from '../../domain/case-status.js';
import { ACTIONS, CATEGORIES, CATEGORY_LABEL, NOT_YET_DISCREPANCIES, splitBilingual } from '../../domain/categories.js';
import type { ReportBreakdown, ReportHead, ReportSource } from '../model.js';
import { beijingTime } from '../local-time.js';
import { failedWrite } from './failed-write.js';
import { caseColumns, date, datetime, int, money, neutralise, ratio, text, type Cell } from './cells.js';

const FMT = { money: '#,##0.00', int: '0', ratio: '0.0%', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5F0' } };
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
const SECTION_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };

type Sheet = ExcelJS.Worksheet;

/** Local date-times as Excel shows them: Excel has no time zones, and exceljs converts a Date as UTC. */
function toDate(v: string): Date {
  const [d = '', t = '00:00:00'] = v.split(' ');
  const [y, m, day] = d.split('-').map(Number);
  const [h, mi, s] = t.split(':').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1, h ?? 0, mi ?? 0, s ?? 0));
}

function put(row: ExcelJS.Row, col: number, cell: Cell): void {
  if (cell === null) return;
  const target = row.getCell(col);
  switch (cell.t) {
    case 'text':
      target.value = neutralise(cell.v);
      return;
    case 'money':
      target.value = cell.fen / 100;
      target.numFmt = FMT.money;
      return;
    case 'int':
      target.value = cell.v;
      target.numFmt = FMT.int;
      return;
    case 'ratio':
      target.value = cell.v;
      target.numFmt = FMT.ratio;
      return;
    case 'num':
      target.value = cell.v;
      target.numFmt = cell.fmt;
      return;
    case 'date':
      target.value = toDate(cell.v);
      target.numFmt = FMT.date;
      return;
    case 'datetime':
      target.value = toDate(cell.v);
      target.numFmt = FMT.datetime;
      return;
  }
}

function addRow(ws: Sheet, cells: readonly Cell[], style?: { header?: boolean; font?: Partial<ExcelJS.Font> }): void {
  const row = ws.addRow([]);
  cells.forEach((c, i) => put(row, i + 1, c));
  if (style?.header) {
    row.font = { bold: true };
    cells.forEach((_, i) => {
      row.getCell(i + 1).fill = HEADER_FILL;
    });
  }
  if (style?.font) row.font = style.font;
  row.commit();
}

/** A table with a frozen, filtered header row. */
function tableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: ReadonlyArray<{ header: string; width: number }>): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  addRow(ws, columns.map((c) => text(c.header)), { header: true });
  return ws;
}

const AT_STAKE = '涉及金额 At stake';
// An accountant adding up the category amounts must not read a fee case's sale as money lost.
const AT_STAKE_NOTE =
  '涉及金额：手续费不符按实收与合同手续费之差计，金额不符按结算金额与终端金额之差计，不按交易金额 / At stake: the transaction amount, except fee_mismatch, counted at the fee charged minus the contracted fee, and amount_mismatch, counted at the settled amount\'s difference from the terminal\'s (their transaction amounts are on their own sheets).';

function breakdownTable(ws: Sheet, title: string, keyHeader: string, rows: readonly ReportBreakdown[]): void {
  addRow(ws, [text(title)], { font: SECTION_FONT });
  addRow(
    ws,
    [text(keyHeader), text('商户号 Merchant'), text('案件 Cases'), text(AT_STAKE), text('差异 Discrepancies'), text('差异涉及金额 Discrepancies at stake'), ...CATEGORIES.map((c) => text(c))],
    { header: true },
  );
  for (const r of rows) {
    addRow(ws, [
      r.key.length === 10 && /^\d{4}-/.test(r.key) ? date(r.key) : text(r.key),
      text(r.merchant_id),
      int(r.total.count),
      money(r.total.amount_fen),
      int(r.discrepancies.count),
      money(r.discrepancies.amount_fen),
      ...CATEGORIES.map((c) => int(r.by_category[c]?.count ?? 0)),
    ]);
  }
  addRow(ws, []);
}

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, m: ReportHead): void {
  const ws = wb.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [28, 40, 12, 16, 14, 16, ...CATEGORIES.map(() => 11)].map((width) => ({ width }));
  addRow(ws, [text('posrecon 对账报告 / Reconciliation report')], { font: TITLE_FONT });
  addRow(ws, [text('生成时间 Generated (UTC+8)'), datetime(beijingTime(m.generated_at))]);
  addRow(ws, [text('数据库 Database'), text(m.database)]);
  addRow(ws, [text('已匹配 Matched pairs'), int(m.matched)]);
  addRow(ws, []);

  if (m.warnings.length > 0) {
    addRow(ws, [text('警告 Warnings')], { font: SECTION_FONT });
    for (const w of m.warnings) addRow(ws, [text(w)]);
    addRow(ws, []);
  }

  addRow(ws, [text('按类别 By category')], { font: SECTION_FONT });
  addRow(ws, [text('类别 Category'), text('说明 Meaning'), text('笔数 Count'), text(AT_STAKE), text('差异? Discrepancy'), text('处理建议 Action')], { header: true });
  for (const c of CATEGORIES) {
    const s = m.summary[c] ?? { count: 0, amount_fen: 0 };
    addRow(ws, [text(c), text(CATEGORY_LABEL[c]), int(s.count), money(s.amount_fen), text(NOT_YET_DISCREPANCIES.has(c) ? 'no (waiting)' : 'yes'), text(splitBilingual(ACTIONS[c]).zh)]);
  }
  addRow(ws, [text(AT_STAKE_NOTE)]);
  addRow(ws, []);

  addRow(ws, [text('按状态 By status')], { font: SECTION_FONT });
  addRow(ws, [text('状态 Status'), text('说明'), text('笔数 Count')], { header: true });
  for (const s of CASE_STATUSES) addRow(ws, [text(s), text(CASE_STATUS_LABEL[s]), int(m.status_counts[s])]);
  addRow(ws, []);

  breakdownTable(ws, '按终端 By terminal', '终端号 Terminal', m.summary_by_terminal);
  breakdownTable(ws, '按交易日 By transaction day', '日期 Day', m.summary_by_day);

  addRow(ws, [text('手续费核对 Fee check')], { font: SECTION_FONT });
  const f = m.fees;
  if (!f) addRow(ws, [text('No fee check in this match run.')]);
  else {
    const line = (label: string, count: Cell, amount: Cell = null): void => addRow(ws, [text(label), null, count, amount]);
    addRow(ws, [text('项目 Item'), null, text('笔数 Lines'), text('金额 Amount')], { header: true });
    line('费率规则 Rate rules', int(f.rate_rules));
    line('已核对 Checked', int(f.checked));
    line(`在容差内 Within ±${(f.tolerance_fen / 100).toFixed(2)}`, int(f.within_tolerance));
    line('多收 Overcharged', int(f.overcharged.count), money(f.overcharged.amount_fen));
    line('少收 Undercharged', int(f.undercharged.count), money(f.undercharged.amount_fen));
    line('净差额 Net difference (charged − expected)', null, money(f.net_diff_fen));
    line('无费率 No rate in the rate card', int(f.no_rate));
    line('无手续费列 No fee in the file', int(f.no_fee));
    line('撤销/退货行(未核对) Credit lines, not checked', int(f.credit_lines));
  }
  addRow(ws, []);

  addRow(ws, [text('输入文件 Input files')], { font: SECTION_FONT });
  addRow(ws, [text('文件 File'), text('SHA-256'), text('方向 Side'), text('格式 Format'), text('编码 Encoding'), text('读取 Read'), text('导入 Imported'), text('拒绝 Rejected'), text('跳过 Skipped')], { header: true });
  for (const i of m.inputs) {
    addRow(ws, [text(i.file), text(i.sha256), text(i.side), text(i.format), text(i.encoding), int(i.read), int(i.imported), int(i.rejected), int(i.skipped)]);
  }
  const controls = m.inputs.flatMap((i) => i.control_totals.map((c) => ({ file: i.file, ...c })));
  if (controls.length > 0) {
    addRow(ws, []);
    addRow(ws, [text('文件自带合计 Control totals stated by the files')], { font: SECTION_FONT });
    addRow(ws, [text('文件 File'), text('来源 Where stated'), text('项目 Measure'), text('文件所述 Stated'), text('明细合计 In rows'), text('已导入 Imported'), text('结果 Result')], { header: true });
    for (const c of controls) {
      // Money stated in fen is shown as yuan; counts and 5-decimal fees as plain numbers.
      const value = (n: number | null): Cell => (n === null ? null : c.scale === 2 ? money(n) : c.scale === 5 ? { t: 'num', v: n / 100_000, fmt: '#,##0.00000' } : int(n));
      addRow(ws, [text(c.file), text(c.source), text(c.label), value(c.stated), value(c.in_rows), value(c.imported), text(c.status)]);
    }
  }
  ws.commit();
}

function healthSheets(wb: ExcelJS.stream.xlsx.WorkbookWriter, m: ReportHead): void {
  const h = m.terminal_health;
  const flagsWs = tableSheet(wb, 'Terminal health', [
    { header: '终端号 Terminal', width: 11 },
    { header: '商户号 Merchant', width: 17 },
    { header: '尝试 Attempts', width: 10 },
    { header: '成功 Approved', width: 10 },
    { header: '拒绝 Declined', width: 10 },
    { header: '超时 Timeouts', width: 10 },
    { header: '超时率 Timeout rate', width: 12 },
    { header: '标记 Flags', width: 28 },
    { header: '问题 Problem', width: 90 },
    { header: '处理建议 Action (中文)', width: 60 },
    { header: 'Action (English)', width: 70 },
  ]);
  for (const t of h.terminals) {
    const flags = h.flags.filter((f) => f.terminal_id === t.terminal_id);
    addRow(flagsWs, [
      text(t.terminal_id),
      text(t.merchant_id),
      int(t.attempts),
      int(t.approved),
      int(t.declined),
      int(t.timeouts),
      ratio(t.timeout_rate),
      text(flags.map((f) => f.kind).join(', ')),
      text(flags.map((f) => f.message).join(' ')),
      text(flags.map((f) => f.action_zh).join('；')),
      text(flags.map((f) => f.action_en).join(' ')),
    ]);
  }
  for (const u of h.unregistered) {
    const f = h.flags.find((x) => x.terminal_id === u.terminal_id && x.kind === 'not_in_registry');
    addRow(flagsWs, [text(u.terminal_id), text(u.merchant_id), null, null, null, null, null, text('not_in_registry'), text(f?.message), text(f?.action_zh), text(f?.action_en)]);
  }
  for (const n of h.notes) addRow(flagsWs, [text(n)]);
  flagsWs.commit();

  const declines = tableSheet(wb, 'Declines', [
    { header: '终端号 Terminal', width: 11 },
    { header: '应答码 Code', width: 8 },
    { header: '笔数 Count', width: 8 },
    { header: '含义 Meaning (中文)', width: 26 },
    { header: 'Meaning (English)', width: 30 },
    { header: '处理建议 Action (中文)', width: 60 },
    { header: 'Action (English)', width: 80 },
  ]);
  for (const t of h.terminals) {
    for (const d of t.failures_by_code) {
      addRow(declines, [text(t.terminal_id), text(d.code === '' ? '(no reply)' : d.code), int(d.count), text(d.meaning_zh), text(d.meaning_en), text(d.action_zh), text(d.action_en)]);
    }
  }
  declines.commit();
}

/** Rows between waits for the zip to catch up. */
const DRAIN_EVERY = 200;

/**
 * Waits until the zip has taken what the sheet has written. exceljs (4.4.0) pipes the sheet into the zip
 * without heeding backpressure, so a large sheet piled up compressed-to-be buffers in memory (170 MB at
 * 100,000 cases); the sheet stream's first pipe is the zip's entry, a (readable-stream) PassThrough that reports it.
 */
async function drained(ws: Sheet): Promise<void> {
  const entry = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  const state = (entry as unknown as { _writableState?: { needDrain?: boolean; length?: number } } | undefined)?._writableState;
  if (entry && state?.needDrain) await once(entry, 'drain');
}

/**
 * Writes the workbook with exceljs's streaming writer and inline strings (deps.md §4: shared strings keep every
 * string in memory): Summary, one sheet per category, Terminal health, Declines.
 */
export async function writeXlsxReport(report: ReportSource, path: string): Promise<void> {
  // Opened here rather than by exceljs, which listens for its file stream's errors only once it commits: a folder
  // or a read-only path at --out was lost, the promise never settled and node exited 13 saying nothing. Opened
  // as the json and csv writers open theirs, it fails as they do ("cannot open PATH: EISDIR").
  const file = await open(path, 'w');
  const stream = file.createWriteStream();
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  // Raced below; an error after the race is settled has no one left to tell.
  failed.catch(() => {});
  try {
    await Promise.race([fillWorkbook(report, stream), failed]);
  } catch (e) {
    stream.destroy();
    return failedWrite(path, e);
  }
}

async function fillWorkbook(report: ReportSource, stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  wb.creator = 'posrecon';
  wb.created = new Date(report.head.generated_at);
  wb.modified = new Date(report.head.generated_at);
  summarySheet(wb, report.head);
  for (const category of CATEGORIES) {
    const columns = caseColumns(category);
    const ws = tableSheet(wb, category, columns);
    let rows = 0;
    for await (const c of report.cases(category)) {
      addRow(ws, columns.map((col) => col.get(c)));
      if (++rows % DRAIN_EVERY === 0) await drained(ws);
    }
    ws.commit();
  }
  healthSheets(wb, report.head);
  await wb.commit();
}
