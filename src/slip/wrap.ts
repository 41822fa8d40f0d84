/**
 * Greedy line breaking for mixed Chinese and Latin text: a break may fall between any two CJK characters
 * or at a space, never inside a Latin word or number unless the word alone is wider than the line.
 * Done here rather than by pdfkit so that a page's height is known before the page is created.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF][,，。、)）]?|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? [];
  const rows: string[] = [];
  let row = '';
  for (const token of tokens) {
    if (row.trim() !== '' && measure((row + token).trimEnd()) > width) {
      rows.push(row.trimEnd());
      row = /^\s+$/.test(token) ? '' : token;
    } else {
      row += token;
    }
    // One word wider than the line: cut it where it overflows.
    while (row.length > 1 && measure(row.trimEnd()) > width) {
      const { head, tail } = cut(row, width, measure);
      rows.push(head);
      row = tail;
    }
  }
  if (row.trim() !== '') rows.push(row.trimEnd());
  return rows.length > 0 ? rows : [''];
}

function cut(text: string, width: number, measure: (s: string) => number): { head: string; tail: string } {
  let n = text.length - 1;
  while (n > 1 && measure(text.slice(0, n)) > width) n--;
  return { head: text.slice(0, n), tail: text.slice(n) };
}
