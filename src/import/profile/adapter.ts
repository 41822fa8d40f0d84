import { InputError } from '../../domain/errors.js';
import { cleanCell } from '../cells.js';
import { csvRecords, splitCsv } from '../csv-records.js';
import { parseEncoding } from '../decode.js';
import { requiredReach, shortRowReason, type Reach } from '../layout.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import type { ReadContext, SourceAdapter, SourceRow } from '../types.js';
import { columnLetter, xlsxRows } from '../xlsx-rows.js';
import { isHeader, mapHeader, mapRow, type HeaderMap } from './map-row.js';
import type { Profile, ProfileField } from './types.js';

/** How far down a header is looked for. Bank exports put a title block of a few rows above it. */
const HEADER_SEARCH_ROWS = 30;

interface Physical {
  line: number;
  cells: string[];
  raw: string;
  /** Location suffix of the row, and of one of its cells. */
  where?: string;
  cellWhere?: (i: number) => string;
  /** Cells held as numbers by Excel. */
  numeric?: boolean[];
  /** Why a CSV line could not be split into cells (a quote never closed…). */
  unreadable?: string;
}

function headerError(profile: Profile, file: string, issue: string): InputError {
  const how = 'row' in profile.header ? `header.row ${profile.header.row}` : `header.search ${JSON.stringify(profile.header.search)}`;
  return new InputError(`${file}: ${issue} (profile "${profile.name}", ${how})`, 'check the profile\'s header and columns against the file');
}

/** Header first, then every row mapped by the profile; rows above the header are skipped as the title block. */
async function* mapRows(profile: Profile, rows: AsyncIterable<Physical>, file: string): AsyncGenerator<SourceRow> {
  let header: HeaderMap | null = null;
  let width = 0;
  // A sheet row ends at its last filled cell, so only a CSV line can be told cut short by its length.
  let reach: Reach | null = null;
  const above: Physical[] = [];
  for await (const r of rows) {
    const base = { line: r.line, raw: r.raw, ...(r.where === undefined ? {} : { where: r.where }) };
    if (header) {
      const card = header.index.card_no;
      if (r.unreadable !== undefined) yield { ...base, kind: 'reject', reason: r.unreadable };
      else if (card !== undefined && r.numeric?.[card] && /^\d{16,}$/.test(r.cells[card] ?? '')) {
        yield { ...base, kind: 'reject', reason: 'card_no: stored by Excel as a number, which keeps only 15 digits; export it as text' };
      } else {
        const row = mapRow(profile, header, r.cells, base, r.cellWhere);
        // Blank, skipped and total rows may be short; only a row meant as a transaction is refused for it.
        if (row.kind === 'fields' && reach && r.cells.length < reach.cells) yield { ...row, short: shortRowReason(r.cells.length, width, reach) };
        else yield row;
      }
      continue;
    }
    if (isHeader(profile, r.cells, r.line)) {
      const h = mapHeader(profile, r.cells);
      if ('missing' in h) throw headerError(profile, file, `the header on line ${r.line} has no column for ${h.missing.join(', ')}; it has ${r.cells.map((c) => JSON.stringify(c)).join(', ')}`);
      header = h;
      width = r.cells.length;
      if (profile.format !== 'xlsx') reach = requiredReach(profile.side ?? 'settlement', (f) => h.index[f as ProfileField], profile.terminal_optional === true);
      for (const a of above) yield { line: a.line, raw: a.raw, kind: 'skip', reason: 'above the header row (title block)', ...(a.where === undefined ? {} : { where: a.where }) };
      yield { ...base, kind: 'skip', reason: 'header row' };
      continue;
    }
    above.push(r);
    if (r.line >= HEADER_SEARCH_ROWS) break;
  }
  if (!header) throw headerError(profile, file, `no header row found in the first ${HEADER_SEARCH_ROWS} rows`);
}

async function* csvPhysical(input: SourceInput, profile: Profile): AsyncGenerator<Physical> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    for await (const { line, text } of csvRecords(part.text())) {
      const split = splitCsv(text, profile.csv?.delimiter ?? ',');
      // A line the splitter cannot read is one cell (the header search still sees it), rejected with the splitter's reason.
      const cells = split.ok ? split.cells.map(cleanCell) : [text];
      yield { line, raw: text, cells, ...(split.ok ? {} : { unreadable: split.reason }), ...(prefix ? { where: `${prefix}:${line}` } : {}) };
    }
  }
}

async function* xlsxPhysical(path: string, profile: Profile): AsyncGenerator<Physical> {
  for await (const r of xlsxRows(path, profile.xlsx?.sheet)) {
    yield {
      line: r.row,
      cells: r.cells,
      numeric: r.numeric,
      raw: r.cells.join(','),
      where: `[${r.sheet}]!${r.row}:${r.row}`,
      cellWhere: (i) => `[${r.sheet}]!${columnLetter(i)}${r.row}`,
    };
  }
}

/** The adapter a profile describes: CSV (any delimiter, encoding) or an Excel sheet, mapped column by column. */
export function profileAdapter(profile: Profile, file: string): SourceAdapter {
  const side = profile.side ?? 'settlement';
  const enc = profile.csv?.encoding;
  return {
    format: `profile:${profile.name}`,
    description: profile.description ?? `profile ${file}`,
    sides: [side],
    terminalOptional: profile.terminal_optional === true,
    ...(enc !== undefined && enc !== 'auto' ? { encoding: parseEncoding(enc) } : {}),
    detect: () => ({ fits: true, format: `profile:${profile.name}`, side, confidence: 1, why: `profile ${file}` }),
    read(input: SourceInput, ctx: ReadContext): AsyncIterable<SourceRow> {
      const rows = profile.format === 'xlsx' ? xlsxPhysical(input.path, profile) : csvPhysical(input, profile);
      return mapRows(profile, rows, ctx.path);
    },
  };
}
