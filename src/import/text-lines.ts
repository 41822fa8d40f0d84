/** One physical line of decoded text, without its line break, numbered from 1. */
export interface TextLine {
  line: number;
  text: string;
}

/**
 * Splits text into physical lines (LF or CRLF) with no notion of quoting: for formats that never quote (WeChat,
 * Alipay, 乐刷), where a stray `"` in a product name must not swallow the lines after it.
 */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let carry = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: ++line, text: text.slice(start, end) };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { line: ++line, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/** The first non-blank line of a sample, without a BOM. */
export function firstLineOf(head: string): string {
  return (head.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
}
