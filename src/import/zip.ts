import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { InputError } from '../domain/errors.js';

/** Bit 11 of the general-purpose flag: the entry name is UTF-8. Without it the name is in the OS code page. */
const UTF8_NAME_FLAG = 0x800;

/**
 * Limits against zip bombs, checked on the declared sizes before reading and on the actual bytes while
 * streaming (yauzl stops an entry that inflates past its declared size). Settlement files compress about
 * 10:1; a bomb compresses thousands to one.
 */
export const ZIP_LIMITS = { entryBytes: 4 * 2 ** 30, totalBytes: 8 * 2 ** 30, ratio: 200, ratioFloorBytes: 2 ** 20 };

export interface ZipEntryInfo {
  /** Position in the central directory, to open the entry again. */
  index: number;
  name: string;
  size: number;
}

/** A zip's local file header signature; an empty zip starts with the end-of-directory signature instead. */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/**
 * Entry names as the sender wrote them. Chinese acquirers (Alipay's `…_业务明细.csv`) zip on Windows, which writes
 * GBK names without the UTF-8 flag; yauzl's default would read them as CP437 and mangle them, so names are taken
 * as raw bytes and decoded here: UTF-8 when the flag says so, GB18030 (a superset of GBK) otherwise.
 */
export function decodeEntryName(raw: Buffer | string, flags: number): string {
  if (typeof raw === 'string') return raw;
  return new TextDecoder((flags & UTF8_NAME_FLAG) !== 0 ? 'utf-8' : 'gb18030').decode(raw);
}

async function openZip(path: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, autoClose: false });
  } catch (cause) {
    throw new InputError(`${path}: not a readable zip (${(cause as Error).message})`);
  }
}

/**
 * An entry that names a place outside the archive (absolute, a drive, or `..`) is refused outright: posrecon
 * writes no entry to disk, but such a name only comes from a crafted archive.
 */
function checkEntry(path: string, name: string, e: yauzl.Entry, total: number): void {
  if (/^([/\\]|[A-Za-z]:)/.test(name) || name.split(/[/\\]/).includes('..')) {
    throw new InputError(`${path}: zip entry "${name}" points outside the archive; refusing the file`);
  }
  const size = e.uncompressedSize;
  if (size > ZIP_LIMITS.entryBytes || total > ZIP_LIMITS.totalBytes) {
    throw new InputError(`${path}: zip entry "${name}" declares ${size} bytes, more than posrecon reads (${ZIP_LIMITS.entryBytes} per entry, ${ZIP_LIMITS.totalBytes} in all)`);
  }
  if (size > ZIP_LIMITS.ratioFloorBytes && size > e.compressedSize * ZIP_LIMITS.ratio) {
    throw new InputError(`${path}: zip entry "${name}" inflates ${Math.round(size / Math.max(1, e.compressedSize))} to 1, which only a zip bomb does; refusing the file`);
  }
}

/** The files in a zip, directories left out, in the order they are stored. */
export async function listZip(path: string): Promise<ZipEntryInfo[]> {
  const zip = await openZip(path);
  try {
    const out: ZipEntryInfo[] = [];
    let index = 0;
    let total = 0;
    for await (const e of zip.eachEntry()) {
      const name = decodeEntryName(e.fileName, e.generalPurposeBitFlag);
      total += e.uncompressedSize;
      checkEntry(path, name, e, total);
      if (!name.endsWith('/')) out.push({ index, name, size: e.uncompressedSize });
      index++;
    }
    return out;
  } finally {
    zip.close();
  }
}

/** Streams one entry's bytes; the zip is opened for the stream and closed after it. */
export async function* zipEntryBytes(path: string, index: number): AsyncGenerator<Buffer> {
  const zip = await openZip(path);
  try {
    let i = 0;
    for await (const e of zip.eachEntry()) {
      if (i++ !== index) continue;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(e);
      } catch (cause) {
        throw new InputError(`${path}: cannot read zip entry ${index + 1} (${(cause as Error).message})`);
      }
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (cause) {
        // yauzl checks the inflated bytes against the declared size and the CRC as they stream.
        throw new InputError(`${path}: zip entry ${index + 1} is damaged or lies about its size (${(cause as Error).message})`);
      }
      return;
    }
    throw new InputError(`${path}: zip entry ${index + 1} not found`);
  } finally {
    zip.close();
  }
}
