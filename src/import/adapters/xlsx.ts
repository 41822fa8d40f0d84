import { InputError } from '../../domain/errors.js';
import { checkLayout, sideDoubt } from '../layout.js';
import { fieldForHeader, type Field } from '../fields.js';
import { isHeader, mapHeader, mapRow } from '../profile/map-row.js';
import { PROFILE_FIELDS, type Profile, type ProfileField } from '../profile/types.js';
import type { SourceInput } from '../source-input.js';
import type { Detection, ReadContext, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { quoteText } from '../head-text.js';
import { columnLetter, EVERY_SHEET, xlsxRows, type SheetRow } from '../xlsx-rows.js';

const HEADER_SEARCH_ROWS = 20;

/** A header row naming at least three known columns (README "Input columns"), as for a CSV. */
function knownColumns(cells: readonly string[]): Map<Field, string> {
  const found = new Map<Field, string>();
  for (const c of cells) {
    const f = fieldForHeader(c.trim());
    if (f !== undefined && !found.has(f)) found.set(f, c.trim());
  }
  return found;
}

/**
 * The profile a header implies: each known column by its own name, amounts in fen if the header says (分), and rows
 * whose first cell starts with 合计/总计 taken as the statement's total row (control totals).
 */
function impliedProfile(cells: readonly string[], row: number): Profile {
  const known = knownColumns(cells);
  const columns: Profile['columns'] = {};
  let fen = false;
  for (const [field, name] of known) {
    const base = field.replace(/_fen$/, '') as ProfileField;
    if (field.endsWith('_fen')) fen = true;
    if ((PROFILE_FIELDS as readonly string[]).includes(base)) columns[base] = name;
  }
  return {
    version: 1,
    name: 'xlsx',
    format: 'xlsx',
    header: { row },
    columns,
    ...(fen ? { amounts: { unit: 'fen' as const } } : {}),
    totals: { column: cells.find((c) => c.trim() !== '')?.trim() ?? '', matches: '^(合计|总计|小计|total)' },
  };
}

/** An .xlsx: a zip holding Excel's workbook part. */
export function isWorkbook(sample: SourceSample): boolean {
  return sample.archive && sample.parts.some((p) => p.name === 'xl/workbook.xml');
}

/** Any statement delivered as Excel whose header names its columns; other layouts need a --profile. */
export const xlsxAdapter: SourceAdapter = {
  format: 'xlsx',
  description: 'Excel workbook with a header row naming its columns (the first sheet that has one); any other layout through --profile',
  sides: ['settlement', 'terminal'],
  detect(sample: SourceSample): Detection {
    if (isWorkbook(sample)) {
      return { fits: true, format: 'xlsx', side: 'settlement', confidence: 0.9, why: 'an Excel workbook (xl/workbook.xml); rows read from the first sheet whose header row names known columns' };
    }
    return { fits: false, format: 'xlsx', closeness: 0, miss: 'not an Excel .xlsx workbook' };
  },
  read: readXlsx,
};

/** A sheet passed over while looking for the data: its name and first non-empty row, for messages. */
interface OtherSheet {
  name: string;
  first: readonly string[];
  /** A later sheet with a header row of its own: more data this import does not read. */
  header?: boolean;
}

/**
 * Reads the first sheet whose header row (within its first rows) names at least three known columns: a bank's
 * workbook often opens with a notes sheet (说明) and has the rows on a second one (交易明细). The sheet read and the
 * others are named in a warning when there are others; a workbook with no such sheet is refused with every sheet
 * and its first row.
 */
async function* readXlsx(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow> {
  const above: SheetRow[] = [];
  const others: OtherSheet[] = [];
  let searching: string | null = null;
  let data: string | null = null;
  let header: SourceRow | null = null;
  let profile: Profile | null = null;
  let map: ReturnType<typeof mapHeader> | null = null;
  for await (const r of xlsxRows(input.path, EVERY_SHEET)) {
    if (data !== null) {
      if (r.sheet === data && profile && map && !('missing' in map)) {
        yield mapRow(profile, map, r.cells, { line: r.row, raw: r.cells.join(','), where: `[${r.sheet}]!${r.row}:${r.row}` }, (i) => `[${r.sheet}]!${columnLetter(i)}${r.row}`);
      } else if (r.sheet !== data) laterSheet(others, r);
      continue;
    }
    if (r.sheet !== searching) {
      if (searching !== null) others.push({ name: searching, first: firstFilled(above) });
      searching = r.sheet;
      above.length = 0;
    }
    if (r.row > HEADER_SEARCH_ROWS) continue;
    const known = knownColumns(r.cells);
    if (known.size < 3) {
      above.push(r);
      continue;
    }
    profile = impliedProfile(r.cells, r.row);
    checkLayout(`${ctx.path}[${r.sheet}]`, ctx.side, new Set(known.keys()), r.cells);
    map = isHeader(profile, r.cells, r.row) ? mapHeader(profile, r.cells) : null;
    if (!map || 'missing' in map) throw new InputError(`${ctx.path}[${r.sheet}]!${r.row}:${r.row}: header not understood`);
    data = r.sheet;
    for (const a of above) yield { line: a.row, raw: a.cells.join(','), where: `[${a.sheet}]!${a.row}:${a.row}`, kind: 'skip', reason: 'above the header row (title block)' };
    const doubt = sideDoubt(ctx.side, new Set(known.keys()), (f) => known.get(f) ?? f);
    header = { line: r.row, raw: r.cells.join(','), where: `[${r.sheet}]!${r.row}:${r.row}`, kind: 'skip', reason: 'header row', ...(doubt === null ? {} : { sideDoubt: doubt }) };
  }
  if (header === null || data === null) {
    if (searching !== null) others.push({ name: searching, first: firstFilled(above) });
    throw noDataSheet(ctx, others);
  }
  // Yielded last, once every sheet has been seen, so that it can name them all.
  if (header.kind === 'skip' && others.length > 0) header = { ...header, warnings: [sheetsNote(data, others)] };
  yield header;
}

function firstFilled(rows: readonly SheetRow[]): readonly string[] {
  return rows.find((a) => a.cells.some((c) => c !== ''))?.cells ?? [];
}

/** Notes a sheet after the data sheet, and whether it has a header row of its own. */
function laterSheet(others: OtherSheet[], r: SheetRow): void {
  let o = others.find((x) => x.name === r.sheet);
  if (!o) others.push((o = { name: r.sheet, first: [] }));
  if (r.row <= HEADER_SEARCH_ROWS && o.header !== true && knownColumns(r.cells).size >= 3) o.header = true;
}

function sheetsNote(data: string, others: readonly OtherSheet[]): string {
  const later = others.filter((o) => o.header === true).map((o) => `"${o.name}"`);
  const rest = others.filter((o) => o.header !== true).map((o) => `"${o.name}"`);
  return (
    `sheet "${data}" read; ${rest.length > 0 ? `${rest.join(', ')} not read (no header row naming 3 known columns)` : ''}` +
    (later.length > 0
      ? `${rest.length > 0 ? '; ' : ''}${later.join(', ')} not read although it has a header row: import it with a --profile naming xlsx.sheet`
      : '')
  );
}

function noDataSheet(ctx: ReadContext, sheets: readonly OtherSheet[]): InputError {
  const list = sheets.map((o) => `"${o.name}" (first row: ${o.first.length > 0 ? o.first.slice(0, 8).map((c) => quoteText(c, 40)).join(', ') : 'empty'})`);
  return new InputError(
    `${ctx.path}: not a ${ctx.side} file posrecon recognises: no sheet has a header row naming at least 3 known columns in its first ${HEADER_SEARCH_ROWS} rows; sheets: ${list.join('; ') || 'none'}`,
    'rename the columns (see README "Input columns"), or describe the layout in a --profile (xlsx.sheet, header.row)',
  );
}
