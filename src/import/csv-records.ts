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
  for await (const batch of csvRecordBatches(chunks)) yield* batch;
}

/** The same records, a chunk's worth at a time: one await per chunk instead of one per record. */
export async function* csvRecordBatches(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<TextRecord[]> {
  const splitter = new RecordSplitter();
  for await (const chunk of chunks) yield splitter.push(chunk);
  yield splitter.end();
}

class RecordSplitter {
  private carry = '';
  private lineNo = 0;
  private pending: string[] = [];
  private pendingStart = 0;

  push(chunk: string): TextRecord[] {
    const out: TextRecord[] = [];
    const text = this.carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.take(text.slice(start, end), out);
      start = nl + 1;
    }
    this.carry = text.slice(start);
    return out;
  }

  end(): TextRecord[] {
    const out: TextRecord[] = [];
    const carry = this.carry;
    if (carry.length > 0) this.take(carry.endsWith('\r') ? carry.slice(0, -1) : carry, out);
    while (this.pending.length > 0) this.flushUnclosed(out);
    return out;
  }

  private take(line: string, out: TextRecord[]): void {
    this.lineNo++;
    if (this.pending.length === 0) {
      if (!hasOpenQuote(line)) {
        out.push({ line: this.lineNo, text: line });
        return;
      }
      this.pending = [line];
      this.pendingStart = this.lineNo;
      return;
    }
    this.pending.push(line);
    const joined = this.pending.join('\n');
    if (!hasOpenQuote(joined)) {
      this.pending = [];
      out.push({ line: this.pendingStart, text: joined });
    } else if (this.pending.length >= MAX_LINES_PER_RECORD) {
      this.flushUnclosed(out);
    }
  }

  // Give the first line of an unclosed record back as its own (bad) record and re-read the rest.
  private flushUnclosed(out: TextRecord[]): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    out.push({ line: this.pendingStart, text: first ?? '' });
    this.lineNo = this.pendingStart;
    for (const l of rest) this.take(l, out);
  }
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
