import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
}

const MM_PER_PT = 25.4 / 72;

/**
 * The text of a PDF as a person reads it: per page a "# page N: W × H mm" header, then one line per
 * baseline, top to bottom, its pieces left to right, separated by a space where there is a visible gap.
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , w = 0, h = 0] = page.view;
    out.push(`# page ${n}: ${(w * MM_PER_PT).toFixed(1)} × ${(h * MM_PER_PT).toFixed(1)} mm`);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const i of content.items) {
      if (!('str' in i) || i.str === '') continue;
      items.push({ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width });
    }
    const rows = new Map<number, Item[]>();
    for (const i of items) {
      const key = Math.round(i.y * 2) / 2;
      rows.set(key, [...(rows.get(key) ?? []), i]);
    }
    for (const y of [...rows.keys()].sort((a, b) => b - a)) {
      const row = (rows.get(y) ?? []).sort((a, b) => a.x - b.x);
      let line = '';
      let end = -Infinity;
      for (const i of row) {
        line += (line && i.x - end > 1 ? ' ' : '') + i.str;
        end = i.x + i.width;
      }
      out.push(line);
    }
    page.cleanup();
  }
  await doc.destroy();
  return `${out.join('\n')}\n`;
}
