/** One logical CSV record: the physical line it starts on and its text without the line break. */
export interface TextRecord {
  line: number;
  text: string;
}

/** A quoted field may span lines, but never more than this: past it, the quote is taken as never closed. */
const MAX_LINES_PER_RECORD = 50;

/**
 * Splits decoded text into CSV records. Written here rather than taken from csv-parse because csv-parse,
 * on a quote that is never closed, swallows the rest of the file into one bad record; here the bad line is
 * rejected alone and reading resumes on the next line, so one broken row never costs the rows after it.
 */
export async function* csvRecords(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<TextRecord> {
  let carry = '';
  let lineNo = 0;
  let pending: string[] = [];
  let pendingStart = 0;

  function* take(line: string): Generator<TextRecord> {
    lineNo++;
    if (pending.length === 0) {
      if (!hasOpenQuote(line)) {
        yield { line: lineNo, text: line };
        return;
      }
      pending = [line];
      pendingStart = lineNo;
      return;
    }
    pending.push(line);
    const joined = pending.join('\n');
    if (!hasOpenQuote(joined)) {
      pending = [];
      yield { line: pendingStart, text: joined };
    } else if (pending.length >= MAX_LINES_PER_RECORD) {
      yield* flushUnclosed();
    }
  }

  // Give the first line of an unclosed record back as its own (bad) record and re-read the rest.
  function* flushUnclosed(): Generator<TextRecord> {
    const [first, ...rest] = pending;
    pending = [];
    yield { line: pendingStart, text: first ?? '' };
    lineNo = pendingStart;
    for (const l of rest) yield* take(l);
  }

  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield* take(text.slice(start, end));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield* take(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
  while (pending.length > 0) yield* flushUnclosed();
}

function hasOpenQuote(text: string): boolean {
  let open = false;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

export type SplitResult = { ok: true; cells: string[] } | { ok: false; reason: string };

/**
 * RFC 4180 fields of one record. A stray quote is an error naming its column, not a guess. With `spans`,
 * each cell's [start, end) in the text is pushed there too (quotes included), for redacting a cell in place.
 */
export function splitCsv(text: string, delimiter = ',', spans?: Array<[number, number]>): SplitResult {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    const start = i;
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return { ok: false, reason: `quote opened in column ${cells.length + 1} is never closed` };
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < n && text[i] !== delimiter) {
        return { ok: false, reason: `column ${cells.length + 1}: text after a closing quote (expected "${delimiter}")` };
      }
      cells.push(value);
    } else {
      const d = text.indexOf(delimiter, i);
      const end = d === -1 ? n : d;
      cells.push(text.slice(i, end));
      i = end;
    }
    spans?.push([start, i]);
    if (i >= n) return { ok: true, cells };
    i++;
    if (i === n) {
      cells.push('');
      spans?.push([n, n]);
      return { ok: true, cells };
    }
  }
}
