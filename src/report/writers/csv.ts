import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CATEGORIES, type Category } from '../../domain/categories.js';
import { formatYuan } from '../../domain/money.js';
import type { ReportSource } from '../model.js';
import { caseColumns, neutralise, text, type Cell } from './cells.js';
import { writeChunked } from './chunked-file.js';

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

/**
 * One CSV per category, `<category>.csv` in the folder, written as the cases are read. Every category is written
 * (an empty one has its header only), so the set of files does not change from day to day; with `only`, just those.
 */
export async function writeCsvReport(report: ReportSource, dir: string, only?: readonly Category[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const category of only ?? CATEGORIES) {
    const path = join(dir, `${category}.csv`);
    const columns = caseColumns(category);
    await writeChunked(path, async (put) => {
      // The BOM makes Excel read the file as UTF-8 (without it, Chinese turns into mojibake); CRLF is what it writes itself.
      await put(`\uFEFF${columns.map((c) => field(render(text(c.header)))).join(',')}\r\n`);
      for await (const c of report.cases(category)) await put(`${columns.map((col) => field(render(col.get(c)))).join(',')}\r\n`);
    });
    written.push(path);
  }
  return written;
}
