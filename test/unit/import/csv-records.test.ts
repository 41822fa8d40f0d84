import { describe, expect, it } from 'vitest';
import { csvRecords, splitCsv } from '../../../src/import/csv-records.js';

async function records(text: string, chunkSize = 3) {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  const out = [];
  for await (const r of csvRecords(chunks)) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('splits LF and CRLF lines across chunk boundaries and numbers them from 1', async () => {
    expect(await records('a,b\r\n1,2\n\n3,4')).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: '1,2' },
      { line: 3, text: '' },
      { line: 4, text: '3,4' },
    ]);
  });

  it('keeps a quoted field that spans lines as one record starting on its first line', async () => {
    expect(await records('a\n"x\ny",1\nb')).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: '"x\ny",1' },
      { line: 4, text: 'b' },
    ]);
  });

  /** Regression: csv-parse swallowed every row after a quote that was never closed. */
  it('gives an unclosed quote back as one bad line and reads on', async () => {
    const rows = await records(['h', '1,"open', ...Array.from({ length: 60 }, (_, i) => `${i},ok`)].join('\n'));
    expect(rows[1]).toEqual({ line: 2, text: '1,"open' });
    expect(rows).toHaveLength(62);
    expect(rows[61]).toEqual({ line: 62, text: '59,ok' });
  });

  it('returns the last unclosed line alone at end of input', async () => {
    expect(await records('h\n1,"open\n2,ok')).toEqual([
      { line: 1, text: 'h' },
      { line: 2, text: '1,"open' },
      { line: 3, text: '2,ok' },
    ]);
  });
});

describe('splitCsv', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"1,328.00",x', ['1,328.00', 'x']],
    ['"say ""hi""",', ['say "hi"', '']],
    ['', ['']],
    [',', ['', '']],
  ])('%j', (text, cells) => {
    expect(splitCsv(text)).toEqual({ ok: true, cells });
  });

  it('names the column of a stray quote', () => {
    expect(splitCsv('a,"b"c,d')).toEqual({ ok: false, reason: 'column 2: text after a closing quote (expected ",")' });
  });

  it('splits on another delimiter', () => {
    expect(splitCsv('a|b', '|')).toEqual({ ok: true, cells: ['a', 'b'] });
  });
});
