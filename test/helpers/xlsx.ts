import ExcelJS from 'exceljs';

/** Reads a workbook back with exceljs, as a person's spreadsheet program would. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function show(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return `date ${v.toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '').replace(/ 00:00:00$/, '')}`;
  if (typeof v === 'number') return `number ${v}`;
  if (typeof v === 'string') return `text ${JSON.stringify(v)}`;
  return `other ${JSON.stringify(v)}`;
}

/**
 * Every non-empty cell as `Sheet!A1 type value [numFmt]`, one per line, and each sheet's frozen panes and filter:
 * the golden form of a workbook (style.md §3.8).
 */
export function dumpWorkbook(wb: ExcelJS.Workbook): string {
  const lines: string[] = [];
  for (const ws of wb.worksheets) {
    const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
    const filter = ws.autoFilter === undefined ? 'none' : typeof ws.autoFilter === 'string' ? ws.autoFilter : JSON.stringify(ws.autoFilter);
    lines.push(`# ${ws.name}: frozen ${view?.state === 'frozen' ? `${view.ySplit ?? 0} row(s)` : 'no'}, filter ${filter}`);
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        lines.push(`${ws.name}!${cell.address} ${show(cell.value)}${cell.numFmt ? ` [${cell.numFmt}]` : ''}`);
      });
    });
  }
  return `${lines.join('\n')}\n`;
}
