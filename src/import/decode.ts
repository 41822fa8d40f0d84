import { createReadStream } from 'node:fs';
import { InputError } from '../domain/errors.js';

export type Encoding = 'utf-8' | 'gb18030';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
};

/** GB18030 is a superset of GBK and GB2312, so one decoder serves all three. */
export function parseEncoding(name: string): Encoding {
  const e = ALIASES[name.trim().toLowerCase()];
  if (!e) throw new InputError(`unknown encoding "${name}" (expected utf-8, gbk or gb18030)`);
  return e;
}

/** How much of a file (or zip entry) its encoding is judged on. */
export const ENCODING_SAMPLE_BYTES = 1 << 20;

/** An encoding and why it was chosen, for the console. */
export interface EncodingChoice {
  encoding: Encoding;
  why: string;
}

export function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * UTF-8 when the data starts with a BOM or its first megabyte is valid UTF-8; GB18030 otherwise. Valid UTF-8 is very
 * unlikely to be accidental for Chinese text, so the test is one-sided and safe. `truncated` when the sample stops
 * before the end of the data.
 */
export function detectEncodingOf(sample: Buffer, truncated: boolean): EncodingChoice {
  if (hasUtf8Bom(sample)) return { encoding: 'utf-8', why: 'UTF-8 byte-order mark' };
  // A sample cut mid-character must not count against UTF-8: drop up to 3 trailing bytes of an incomplete sequence.
  const end = truncated ? completeUtf8End(sample) : sample.length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return { encoding: 'utf-8', why: 'valid UTF-8' };
  } catch {
    return { encoding: 'gb18030', why: 'not valid UTF-8, read as GBK/GB18030' };
  }
}


function completeUtf8End(buf: Buffer): number {
  for (let back = 1; back <= 3 && back <= buf.length; back++) {
    const b = buf[buf.length - back] ?? 0;
    if ((b & 0xc0) === 0xc0) return buf.length - back;
    if ((b & 0x80) === 0) return buf.length;
  }
  return buf.length;
}

/** Streams a file as text. A UTF-8 file with a bad byte past the sampled part stops with its offset. */
export function decodeFile(path: string, encoding: Encoding): AsyncGenerator<string> {
  return decodeChunks(createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, encoding, path);
}

/** Decodes a byte stream (a file, a zip entry) as text; `label` names it in errors. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: Encoding, label: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  let offset = 0;
  for await (const bytes of chunks) {
    try {
      yield decoder.decode(bytes, { stream: true });
    } catch {
      throw new InputError(
        `${label}: bytes near offset ${offset} are not valid UTF-8`,
        'the file mixes encodings; convert it, or force one with --encoding gbk',
      );
    }
    offset += bytes.length;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
