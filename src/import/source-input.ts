import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeChunks, detectEncodingOf, ENCODING_SAMPLE_BYTES, type Encoding, type EncodingChoice } from './decode.js';
import type { SamplePart, SourceSample } from './types.js';
import { listZip, looksLikeZip, zipEntryBytes } from './zip.js';

/** Bytes each part shows to detection: a part shorter than this is sampled whole. */
export const HEAD_BYTES = 64 * 1024;

/** One readable part of an input: the file itself, or one entry of a zip. */
export interface SourcePart {
  name: string;
  encoding: Encoding;
  /** Why this encoding, for the console. */
  encodingWhy: string;
  /** Bytes of content: a zip entry's uncompressed size. */
  size: number;
  bytes(): AsyncIterable<Buffer>;
  text(): AsyncIterable<string>;
}

/** What an adapter reads: a plain file is one part; a zip (UnionPay, Alipay deliver them) is its entries. */
export interface SourceInput {
  path: string;
  archive: boolean;
  parts: readonly SourcePart[];
}

async function head(bytes: AsyncIterable<Buffer>, max: number): Promise<{ buf: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of bytes) {
    chunks.push(c);
    n += c.length;
    if (n >= max) break;
  }
  const all = Buffer.concat(chunks);
  return { buf: all.subarray(0, max), truncated: all.length >= max };
}

/** The first `max` bytes of a file, and its size, from one opening. */
async function fileHead(path: string, max: number): Promise<{ head: Buffer; size: number }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await fh.read(buf, 0, max, 0);
    return { head: buf.subarray(0, bytesRead), size: (await fh.stat()).size };
  } finally {
    await fh.close();
  }
}

function part(name: string, size: number, bytes: () => AsyncIterable<Buffer>, enc: EncodingChoice, label: string): SourcePart {
  return {
    name,
    encoding: enc.encoding,
    encodingWhy: enc.why,
    size,
    bytes,
    text: () => decodeChunks(bytes(), enc.encoding, label),
  };
}

/**
 * Opens a file for reading: a zip becomes its entries, anything else one part. Each part's encoding is
 * detected from its own first megabyte, unless `forced`: one encoding for every part, or one per part in order
 * (as decided by an earlier opening of the same file, which the import worker repeats).
 */
export async function openInput(path: string, forced?: EncodingChoice | readonly EncodingChoice[]): Promise<SourceInput> {
  const { head: first, size } = await fileHead(path, ENCODING_SAMPLE_BYTES);
  let index = 0;
  const encodingOf = (buf: Buffer, truncated: boolean): EncodingChoice => {
    const given = forced === undefined || 'encoding' in forced ? forced : forced[index++];
    return given ?? detectEncodingOf(buf, truncated);
  };
  if (!looksLikeZip(first)) {
    const bytes = () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
    return { path, archive: false, parts: [part(basename(path), size, bytes, encodingOf(first, first.length === ENCODING_SAMPLE_BYTES), path)] };
  }
  const parts: SourcePart[] = [];
  for (const e of await listZip(path)) {
    const bytes = () => zipEntryBytes(path, e.index);
    const h = await head(bytes(), ENCODING_SAMPLE_BYTES);
    parts.push(part(e.name, e.size, bytes, encodingOf(h.buf, h.truncated), `${path}!${e.name}`));
  }
  return { path, archive: true, parts };
}

/** The start of every part, decoded, for the adapters' detect(). */
export async function sampleInput(input: SourceInput): Promise<SourceSample> {
  const parts: SamplePart[] = [];
  for (const p of input.parts) {
    const { buf } = await head(p.bytes(), HEAD_BYTES);
    parts.push({ name: p.name, encoding: p.encoding, bytes: buf, head: new TextDecoder(p.encoding).decode(buf) });
  }
  const main = parts[0];
  return {
    path: input.path,
    name: basename(input.path),
    archive: input.archive,
    parts,
    encoding: main?.encoding ?? 'utf-8',
    head: main?.head ?? '',
  };
}

/** "!entry" inside a zip, nothing for a plain file: the prefix of a row's location. */
export function partPrefix(input: SourceInput, p: SourcePart): string {
  return input.archive ? `!${p.name}` : '';
}
