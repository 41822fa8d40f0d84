import { checkLayout, requiredReach, SETTLEMENT_ONLY, shortRowReason, sideDoubt, type Reach } from '../layout.js';
import { cleanCell } from '../cells.js';
import { TOTAL_MONEY, totalRow } from '../control.js';
import { csvRecordBatches, splitCsv } from '../csv-records.js';
import { isSecretHeader } from '../secrets.js';
import { fieldForHeader, foldHeader, type Field, type FieldMap } from '../fields.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import type { Detection, ReadContext, SourceAdapter, SourceRow, SourceSample } from '../types.js';

const DELIMITERS = [',', '\t', '|', ';'] as const;
const HEADER_SEARCH_ROWS = 20;
const TOTALS_ROW = /^(合计|总计|小计|汇总|total|sum)/i;

interface Header {
  line: number;
  delimiter: string;
  columns: Array<Field | undefined>;
  names: string[];
  /** Columns of sensitive authentication data (track, CVV, PIN): cut out of the stored line. */
  secret: number[];
  /** Set once the side is known (when reading): cells a row needs to hold every required column. */
  reach?: Reach | null;
  /** Where a total row states amount, fee and net (yuan or fen columns), set when reading. */
  money?: Parameters<typeof totalRow>[2];
}

/** Each total of a total row, by the column of the field or of its fen variant. */
function moneyColumns(columns: ReadonlyArray<Field | undefined>): Parameters<typeof totalRow>[2] {
  const money: Parameters<typeof totalRow>[2] = {};
  for (const k of TOTAL_MONEY) {
    const yuan = columns.indexOf(k);
    const fen = columns.indexOf(`${k}_fen`);
    if (yuan !== -1) money[k] = { index: yuan, unit: 'yuan' };
    else if (fen !== -1) money[k] = { index: fen, unit: 'fen' };
  }
  return money;
}

function mapHeader(text: string, line: number): Header | null {
  let best: Header | null = null;
  for (const delimiter of DELIMITERS) {
    const split = splitCsv(text, delimiter);
    if (!split.ok || split.cells.length < 3) continue;
    const columns = split.cells.map((c) => fieldForHeader(cleanCell(c)));
    const known = columns.filter((c) => c !== undefined).length;
    if (known >= 3 && (!best || known > best.columns.filter((c) => c).length)) {
      const secret = split.cells.flatMap((c, i) => (isSecretHeader(foldHeader(cleanCell(c))) ? [i] : []));
      best = { line, delimiter, columns, names: split.cells.map((c) => c.trim()), secret };
    }
  }
  return best;
}

function findHeaderInSample(head: string): Header | null {
  const lines = head.split(/\r?\n/, HEADER_SEARCH_ROWS);
  for (let i = 0; i < lines.length; i++) {
    const h = mapHeader(lines[i] ?? '', i + 1);
    if (h) return h;
  }
  return null;
}

/** The line naming the most known columns, for saying how close a file came. */
function bestPartialHeader(head: string): { line: number; known: string[] } {
  let best = { line: 1, known: [] as string[] };
  head.split(/\r?\n/, HEADER_SEARCH_ROWS).forEach((text, i) => {
    for (const delimiter of DELIMITERS) {
      const split = splitCsv(text, delimiter);
      if (!split.ok) continue;
      const known = split.cells.map(cleanCell).filter((c) => fieldForHeader(c) !== undefined);
      if (known.length > best.known.length) best = { line: i + 1, known };
    }
  });
  return best;
}

/** A CSV with a header row naming its columns in English or Chinese, in any order (README "Input columns"). */
export const genericCsv: SourceAdapter = {
  format: 'generic-csv',
  description: 'CSV with a header row; columns named in English or Chinese, any order; comma, tab, | or ;',
  sides: ['terminal', 'settlement'],
  sumsRows: true,
  detect(sample: SourceSample): Detection {
    const header = findHeaderInSample(sample.head);
    if (!header) {
      const near = bestPartialHeader(sample.head);
      return {
        fits: false,
        format: 'generic-csv',
        closeness: Math.min(0.5, near.known.length / 6),
        miss: `no header row naming 3 known columns in the first ${HEADER_SEARCH_ROWS} lines${near.known.length ? ` (line ${near.line} names only ${near.known.join(', ')})` : ''}`,
      };
    }
    const fields = new Set(header.columns.filter((c): c is Field => c !== undefined));
    const settlement = [...fields].some((f) => SETTLEMENT_ONLY.has(f));
    return {
      fits: true,
      format: 'generic-csv',
      side: settlement ? 'settlement' : 'terminal',
      confidence: Math.min(0.9, 0.3 + fields.size / 30),
      why: `header on line ${header.line} names ${fields.size} known columns${settlement ? ', including settlement-only ones (fee, net amount or clearing date)' : ''}`,
    };
  },
  read: readGenericCsv,
  readBatches: readGenericCsvBatches,
};

/** Each part (a plain file, or each CSV in a zip) has its own header. */
async function* readGenericCsv(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow> {
  for await (const batch of readGenericCsvBatches(input, ctx)) yield* batch;
}

/** The rows a chunk at a time: for a large journal, one await per row cost more than splitting the row. */
async function* readGenericCsvBatches(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow[]> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    for await (const rows of readPart(part.text(), ctx)) {
      if (prefix) for (const row of rows) row.where = `${prefix}:${row.line}`;
      yield rows;
    }
  }
}

async function* readPart(chunks: AsyncIterable<string>, ctx: ReadContext): AsyncGenerator<SourceRow[]> {
  let header: Header | null = null;
  const before: Array<{ line: number; text: string }> = [];
  let gaveUp = false;
  for await (const recs of csvRecordBatches(chunks)) {
    const rows: SourceRow[] = [];
    for (const rec of recs) {
      if (header) {
        rows.push(rowOf(rec.line, rec.text, header));
        continue;
      }
      header = rec.line <= HEADER_SEARCH_ROWS ? mapHeader(rec.text, rec.line) : null;
      if (!header) {
        if (rec.line >= HEADER_SEARCH_ROWS) {
          gaveUp = true;
          break;
        }
        before.push(rec);
        continue;
      }
      const present = new Set(header.columns.filter((c): c is Field => c !== undefined));
      checkLayout(ctx.path, ctx.side, present, header.names);
      const columns = header.columns;
      header.money = moneyColumns(columns);
      header.reach = requiredReach(ctx.side, (f) => {
        const i = columns.indexOf(f);
        return i === -1 ? undefined : i;
      });
      for (const b of before) rows.push({ kind: 'skip', line: b.line, raw: b.text, reason: 'above the header row (title or blank)' });
      // Every line of the file is read, the header too, as in every other format: read is then the file's line
      // count, which the user can check, and a CSV and the same rows read through a --profile or from Excel agree.
      const doubt = sideDoubt(ctx.side, present, (f) => header?.names[columns.indexOf(f)] ?? f);
      rows.push({ kind: 'skip', line: rec.line, raw: rec.text, reason: 'header row', ...(doubt === null ? {} : { sideDoubt: doubt }) });
    }
    if (rows.length > 0) yield rows;
    if (gaveUp) break;
  }
  if (!header) {
    const first = before.find((b) => b.text.trim() !== '');
    const split = first ? splitCsv(first.text) : null;
    checkLayout(ctx.path, ctx.side, new Set(), split?.ok ? split.cells : first ? [first.text] : []);
  }
}

/**
 * A statement's 合计 row, checked against the rows as the same row of an Excel statement is (README "Control
 * totals"): it was skipped unread, so a CSV whose rows did not add up to its own totals passed without a word.
 */
function totalsRowOf(line: number, text: string, cells: readonly string[], header: Header): SourceRow {
  const reason = `totals row "${cells[0] ?? ''}"`;
  const { statement, unread } = totalRow(cells, line, header.money ?? {});
  const warnings = unread.length > 0 ? { warnings: unread } : {};
  if (statement.measures.length === 0) return { kind: 'skip', line, raw: text, reason, ...warnings };
  return { kind: 'skip', line, raw: text, reason: `${reason}: control totals`, control: statement, ...warnings };
}

function rowOf(line: number, text: string, header: Header): SourceRow {
  if (text.trim() === '') return { kind: 'skip', line, raw: text, reason: 'blank line' };
  // Cell offsets are only needed to cut secret columns out of the line.
  const spans: Array<[number, number]> | undefined = header.secret.length > 0 ? [] : undefined;
  const split = splitCsv(text, header.delimiter, spans);
  if (!split.ok) return { kind: 'reject', line, raw: text, reason: split.reason };
  const cells = split.cells;
  let empty = true;
  for (let i = 0; i < cells.length; i++) {
    const c = cleanCell(cells[i] ?? '');
    cells[i] = c;
    if (c !== '') empty = false;
  }
  if (empty) return { kind: 'skip', line, raw: text, reason: 'empty row' };
  if (TOTALS_ROW.test(cells[0] ?? '')) return totalsRowOf(line, text, cells, header);
  const width = header.columns.length;
  if (cells.length > width && cells.slice(width).some((c) => c !== '')) {
    return { kind: 'reject', line, raw: text, reason: `${cells.length} columns, but the header has ${width}` };
  }
  // Short rows whose missing cells are optional ones at the end are accepted (exports trim empty trailing cells).
  const short = header.reach && cells.length < header.reach.cells ? shortRowReason(cells.length, width, header.reach) : undefined;
  const fields: FieldMap = {};
  for (let i = 0; i < width; i++) {
    const field = header.columns[i];
    if (field !== undefined && fields[field] === undefined) fields[field] = cells[i] ?? '';
  }
  const marks = short === undefined ? {} : { short };
  if (spans === undefined) return { kind: 'fields', line, raw: text, fields, ...marks };
  const secrets = header.secret.flatMap((i) => (spans[i] ? [spans[i]] : []));
  return { kind: 'fields', line, raw: text, fields, ...marks, ...(secrets.length > 0 ? { secrets } : {}) };
}
