import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export type SinkEncoding = 'utf-8' | 'gbk';

export interface SinkOptions {
  encoding: SinkEncoding;
  /** Excel needs the BOM to open a UTF-8 CSV as UTF-8; acquirer files never carry one. */
  bom: boolean;
}

/**
 * A CRLF line writer that respects backpressure: when the stream's buffer is full, writeLine waits for 'drain', so
 * generating a million rows holds no more of them in memory than generating ten.
 */
export class LineSink {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly encoding: SinkEncoding;
  private failure: Error | null = null;

  constructor(path: string, opts: SinkOptions & { highWaterMark?: number }) {
    this.path = path;
    this.encoding = opts.encoding;
    this.stream = createWriteStream(path, opts.highWaterMark === undefined ? {} : { highWaterMark: opts.highWaterMark });
    // Without a listener an I/O error would crash the process; keep it and raise it at the next write instead.
    this.stream.on('error', (err) => {
      this.failure = err;
    });
    if (opts.bom) this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  async writeLine(line: string): Promise<void> {
    if (this.failure) throw this.failure;
    const text = `${line}\r\n`;
    const bytes = this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
  }

  /** After a failure elsewhere: stop writing, release the file handle. */
  abort(): void {
    this.stream.destroy();
  }
}

/** Writes the lines once, before the first row or at close, so a day without rows still gets its header. */
export function onceBefore(sink: LineSink, lines: readonly string[]): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    for (const l of lines) await sink.writeLine(l);
  };
}
