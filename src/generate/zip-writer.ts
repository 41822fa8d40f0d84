import { open, type FileHandle } from 'node:fs/promises';
import { createDeflateRaw, crc32 } from 'node:zlib';
import iconv from 'iconv-lite';

interface CentralEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** 1980-01-01 00:00 in DOS form: a fixed stamp keeps generated zips byte-identical from run to run. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const DATA_DESCRIPTOR = 0x0008;
const UTF8_NAME = 0x0800;

/**
 * A minimal streaming zip writer (deflate, no zip64), enough to write files the way acquirers deliver them. Names
 * are written as UTF-8 with the flag set, or as GBK without it, which is what Alipay's Windows-made zips do.
 */
export class ZipWriter {
  private readonly entries: CentralEntry[] = [];
  private offset = 0;

  private constructor(private readonly fh: FileHandle) {}

  static async create(path: string): Promise<ZipWriter> {
    return new ZipWriter(await open(path, 'w'));
  }

  private async write(buf: Buffer): Promise<void> {
    await this.fh.write(buf);
    this.offset += buf.length;
    if (this.offset > 0xffffffff) throw new Error('zip larger than 4 GiB: zip64 is not supported');
  }

  async addFile(name: string, nameEncoding: 'utf-8' | 'gbk', data: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    const nameBytes = nameEncoding === 'gbk' ? iconv.encode(name, 'gbk') : Buffer.from(name, 'utf8');
    const flags = DATA_DESCRIPTOR | (nameEncoding === 'utf-8' ? UTF8_NAME : 0);
    const entry: CentralEntry = { name: nameBytes, flags, crc: 0, compressed: 0, size: 0, offset: this.offset };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt16LE(nameBytes.length, 26);
    await this.write(Buffer.concat([local, nameBytes]));
    const deflate = createDeflateRaw();
    const feed = (async () => {
      for await (const chunk of data) {
        entry.crc = crc32(chunk, entry.crc);
        entry.size += chunk.length;
        if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
      }
      deflate.end();
    })();
    for await (const out of deflate) {
      entry.compressed += (out as Buffer).length;
      await this.write(out as Buffer);
    }
    await feed;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    await this.fh.close();
  }

  /** After a failure elsewhere: release the file. */
  async abort(): Promise<void> {
    await this.fh.close();
  }
}
