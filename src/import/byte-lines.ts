import { isAscii } from 'node:buffer';

/** One physical line of a byte stream, without its line break (LF or CRLF), numbered from 1. */
export interface ByteLine {
  line: number;
  bytes: Buffer;
}

/**
 * Splits bytes into lines without decoding them: fixed-width records are measured in bytes (a hanzi is two GBK
 * bytes), so they must be sliced before any decoding. GBK never uses 0x0A inside a character, so splitting on it
 * is safe.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<ByteLine> {
  for await (const lines of byteLineBatches(chunks)) yield* lines;
}

/** The same lines a chunk at a time: a million ZM records cost a million awaits read one by one. */
export async function* byteLineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<ByteLine[]> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of chunks) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const lines: ByteLine[] = [];
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      lines.push({ line: ++line, bytes: buf.subarray(start, end) });
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (carry.length > 0) yield [{ line: ++line, bytes: carry[carry.length - 1] === 0x0d ? carry.subarray(0, -1) : carry }];
}

const GBK = new TextDecoder('gb18030');

/** ASCII slices stay latin1 (fast); anything with a high byte is decoded as GB18030. */
export function decodeGbk(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : GBK.decode(bytes);
}
