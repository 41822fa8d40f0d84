/**
 * Undoes what spreadsheets and acquirers do to protect text: a leading backtick (WeChat), ="…" (Excel
 * exports), surrounding spaces; a lone * means "not applicable" (乐刷).
 */
export function cleanCell(cell: string): string {
  let s = cell.trim();
  if (s.startsWith('`')) s = s.slice(1).trim();
  if (s.startsWith('="') && s.endsWith('"')) s = s.slice(2, -1).trim();
  if (s.startsWith("'")) s = s.slice(1);
  return s === '*' ? '' : s;
}
