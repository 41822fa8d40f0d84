import { detectEncodingOf, hasUtf8Bom, type Encoding } from './decode.js';

/** Characters of file text a message quotes: enough to recognise a header, not a screenful. */
export const QUOTED_MAX = 80;

const REPLACEMENT = 0xfffd;

/** Characters that would act on the terminal (or reorder what it shows) instead of being shown: escaped. */
function unsafe(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function escape(c: number): string {
  if (c === 9) return '\\t';
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text from a file, quoted for a message on the terminal: control and bidi characters escaped, each run of U+FFFD
 * (bytes the encoding could not decode) shown once as `\uFFFD`, and cut at `max` characters with an ellipsis.
 * @example quoteText('a\u0007b\uFFFD\uFFFD,c') // '"a\\x07b\\uFFFD,c"'
 */
export function quoteText(text: string, max = QUOTED_MAX): string {
  let out = '';
  let shown = 0;
  for (let i = 0; i < text.length && shown < max; i++) {
    const c = text.charCodeAt(i);
    if (c === REPLACEMENT) {
      while (text.charCodeAt(i + 1) === REPLACEMENT) i++;
      out += '\\uFFFD';
    } else if (unsafe(c)) out += escape(c);
    else out += c === 34 || c === 92 ? `\\${text[i] ?? ''}` : (text[i] ?? '');
    shown++;
    if (shown === max && i + 1 < text.length) out += '…';
  }
  return `"${out}"`;
}

/** Bytes that never occur in CSV or fixed-width text: NUL and the C0 controls other than tab, line breaks, form feed. */
function controlBytes(bytes: Buffer): number {
  let n = 0;
  for (const b of bytes) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) n++;
  return n;
}

const SNIFF_BYTES = 512;

/**
 * How an unrecognised file's start is shown: its first line, quoted safely, unless it is not text at all; quoting
 * 80 characters of a binary file's bytes only fills the terminal with noise.
 */
export function describeHead(bytes: Buffer, head: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'UTF-16 text (byte-order mark), which posrecon does not read: save it as UTF-8 or GBK';
  }
  const start = bytes.subarray(0, SNIFF_BYTES);
  const controls = controlBytes(start);
  if (start.includes(0) || controls * 10 > start.length) {
    return `not text: ${controls} of its first ${start.length} bytes are control bytes`;
  }
  return `first line ${quoteText(head.split(/\r?\n/, 1)[0] ?? '')}`;
}

/**
 * Why a forced encoding looks wrong for these bytes, or null. A wrong --encoding garbles every header, so the file
 * is refused as unrecognised; this names the real cause.
 */
export function encodingDoubt(bytes: Buffer, head: string, forced: Encoding): string | null {
  if (forced === 'gb18030' && hasUtf8Bom(bytes)) {
    return 'the file starts with a UTF-8 byte-order mark, but was read as GBK';
  }
  // Text that is valid UTF-8 and not plain ASCII is almost never GBK by accident (decode.ts).
  if (forced === 'gb18030' && bytes.some((b) => b >= 0x80) && detectEncodingOf(bytes, true).encoding === 'utf-8') {
    return 'its first bytes are valid UTF-8, but were read as GBK';
  }
  const name = forced === 'utf-8' ? 'UTF-8' : 'GBK';
  return head.includes('\uFFFD') ? `its first bytes are not valid ${name} (shown as \\uFFFD)` : null;
}
