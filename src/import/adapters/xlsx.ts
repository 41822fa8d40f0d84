import { InputError } from '../../domain/errors.js';
import { checkLayout, sideDoubt } from '../layout.js';
import { fieldForHeader, type Field } from '../fields.js';
import { isHeader, mapHeader, mapRow } from '../profile/map-row.js';
import { PROFILE_FIELDS, type Profile, type ProfileField } from '../profile/types.js';
import type { SourceInput } from '../source-input.js';
import type { Detection, ReadContext, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { columnLetter, xlsxRows, type SheetRow } from '../xlsx-rows.js';

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

/** Any statement delivered as Excel whose header names its columns; other layouts need a --profile. */
export const xlsxAdapter: SourceAdapter = {
  format: 'xlsx',
  description: 'Excel workbook (first sheet) with a header row naming its columns; any other layout through --profile',
  sides: ['settlement', 'terminal'],
  detect(sample: SourceSample): Detection {
    if (sample.archive && sample.parts.some((p) => p.name === 'xl/workbook.xml')) {
      return { fits: true, format: 'xlsx', side: 'settlement', confidence: 0.9, why: 'an Excel workbook (xl/workbook.xml); header read from the first sheet' };
    }
    return { fits: false, format: 'xlsx', closeness: 0, miss: 'not an Excel .xlsx workbook' };
  },
  read: readXlsx,
};

async function* readXlsx(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow> {
  const above: SheetRow[] = [];
  let profile: Profile | null = null;
  let map: ReturnType<typeof mapHeader> | null = null;
  for await (const r of xlsxRows(input.path)) {
    const where = `[${r.sheet}]!${r.row}:${r.row}`;
    const base = { line: r.row, raw: r.cells.join(','), where };
    if (profile && map && !('missing' in map)) {
      yield mapRow(profile, map, r.cells, base, (i) => `[${r.sheet}]!${columnLetter(i)}${r.row}`);
      continue;
    }
    if (knownColumns(r.cells).size >= 3) {
      profile = impliedProfile(r.cells, r.row);
      const known = knownColumns(r.cells);
      checkLayout(`${ctx.path}[${r.sheet}]`, ctx.side, new Set(known.keys()), r.cells);
      map = isHeader(profile, r.cells, r.row) ? mapHeader(profile, r.cells) : null;
      if (!map || 'missing' in map) throw new InputError(`${ctx.path}[${r.sheet}]!${r.row}:${r.row}: header not understood`);
      for (const a of above) yield { line: a.row, raw: a.cells.join(','), where: `[${a.sheet}]!${a.row}:${a.row}`, kind: 'skip', reason: 'above the header row (title block)' };
      const doubt = sideDoubt(ctx.side, new Set(known.keys()), (f) => known.get(f) ?? f);
      yield { ...base, kind: 'skip', reason: 'header row', ...(doubt === null ? {} : { sideDoubt: doubt }) };
      continue;
    }
    above.push(r);
    if (r.row >= HEADER_SEARCH_ROWS) break;
  }
  if (!profile) {
    checkLayout(`${ctx.path}`, ctx.side, new Set(), above.find((a) => a.cells.some((c) => c !== ''))?.cells ?? []);
  }
}
