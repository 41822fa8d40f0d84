import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATEGORIES, type Category } from '../../domain/categories.js';
import { formatYuan } from '../../domain/money.js';
import type { ReportModel } from '../model.js';
import { caseColumns, neutralise, text, type Cell } from './cells.js';

function render(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 'text':
      return neutralise(cell.v);
    case 'money':
      return formatYuan(cell.fen);
    case 'int':
    case 'ratio':
    case 'num':
      return String(cell.v);
    case 'date':
    case 'datetime':
      return cell.v;
  }
}

/** RFC 4180 quoting: a field with a quote, comma or line break is quoted, its quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function categoryCsv(model: ReportModel, category: Category): string {
  const columns = caseColumns(category);
  const lines = [columns.map((c) => field(render(text(c.header)))).join(',')];
  for (const c of model.cases) if (c.category === category) lines.push(columns.map((col) => field(render(col.get(c)))).join(','));
  // The BOM makes Excel read the file as UTF-8 (without it, Chinese turns into mojibake); CRLF is what it writes itself.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One CSV per category, `<category>.csv` in the folder. Every category is written (an empty one has its header
 * only), so the set of files does not change from day to day; with `only`, just those.
 */
export async function writeCsvReport(model: ReportModel, dir: string, only?: readonly Category[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const category of only ?? CATEGORIES) {
    const path = join(dir, `${category}.csv`);
    await writeFile(path, categoryCsv(model, category));
    written.push(path);
  }
  return written;
}
