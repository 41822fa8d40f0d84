import { InputError } from '../domain/errors.js';
import { requireExceljsPatch } from './exceljs-patch.js';

/** One physical row of a sheet, every cell as text. */
export interface SheetRow {
  sheet: string;
  /** 1-based row number, as Excel shows it. */
  row: number;
  cells: string[];
  /** Cells Excel holds as numbers: a card or reference number among them has lost its digits past 15. */
  numeric: boolean[];
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included): serial 46089 is 2026-03-08. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  return serial < 1 ? time : time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  if (iso.startsWith('1899-12-30') || iso.startsWith('1899-12-31')) return iso.slice(11, 19);
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * exceljs hands cells back as strings, numbers, Dates (styles cached, so date-formatted cells are Dates at UTC),
 * rich text, formulas with their results, hyperlinks or errors; all become the text a CSV would have held.
 */
function cellText(v: unknown): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'string') return { text: v, numeric: false };
  // Doubles carry binary noise (0.1 + 0.2); 10 decimals is far below a fen and far above the noise.
  if (typeof v === 'number') return { text: String(Number(v.toFixed(10))), numeric: true };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', numeric: false };
  if (v instanceof Date) return { text: dateText(v), numeric: false };
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return { text: o.richText.map((r) => r.text).join(''), numeric: false };
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (typeof o.error === 'string') return { text: o.error, numeric: false };
  }
  return { text: '', numeric: false };
}

/** Ask xlsxRows for the rows of every sheet, one sheet after the other (the caller picks the one that is data). */
export const EVERY_SHEET = Symbol('every sheet');

/**
 * Streams the rows of one sheet (by name, 1-based position, or the first), or of every sheet in turn, with
 * exceljs's WorkbookReader, so a large statement is not held in memory whole. Rows Excel leaves out (empty ones) are
 * yielded as empty, so every physical row up to the last is accounted for.
 */
export async function* xlsxRows(path: string, want?: string | number | typeof EVERY_SHEET): AsyncGenerator<SheetRow> {
  await requireExceljsPatch();
  // Loaded when a workbook is read: exceljs takes ~300 ms to load, which every CSV import (and the import worker) paid.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let position = 0;
  const seen: string[] = [];
  try {
    for await (const ws of reader) {
      position++;
      const name = (ws as unknown as { name: string }).name;
      seen.push(name);
      const chosen = want === EVERY_SHEET || (want === undefined ? position === 1 : typeof want === 'number' ? position === want : name === want);
      if (!chosen) {
        // Read through, not skipped: exceljs deletes a sheet's temporary file as soon as the next sheet is asked
        // for, and a skipped sheet's stream had not opened it yet: an ENOENT nobody could catch.
        for await (const row of ws) void row;
        continue;
      }
      let last = 0;
      for await (const row of ws) {
        for (let r = last + 1; r < row.number; r++) yield { sheet: name, row: r, cells: [], numeric: [] };
        last = row.number;
        const values = (row.values as unknown[]).slice(1);
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        yield { sheet: name, row: row.number, cells: cells.map((c) => c.text), numeric: cells.map((c) => c.numeric) };
      }
      if (want !== EVERY_SHEET) return;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: not a readable xlsx workbook (${(e as Error).message})`);
  }
  if (want === EVERY_SHEET) return;
  throw new InputError(`${path}: no sheet ${typeof want === 'number' ? `number ${want}` : JSON.stringify(want)}; sheets: ${seen.map((s) => JSON.stringify(s)).join(', ')}`);
}

/** 0 → "A", 26 → "AA": the column letters of an xlsx location (file[Sheet]!D14). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
