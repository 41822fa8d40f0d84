import { basename } from 'node:path';
import { open } from 'node:fs/promises';
import { InputError, UsageError } from '../domain/errors.js';
import type { Side } from '../domain/record.js';
import { ADAPTERS } from './adapters/index.js';
import { detectEncoding, parseEncoding, type Encoding } from './decode.js';
import type { Detection, SourceAdapter, SourceSample } from './types.js';

const HEAD_BYTES = 64 * 1024;

export interface Resolved {
  adapter: SourceAdapter;
  side: Side;
  encoding: Encoding;
  /** Why this format, side and encoding were chosen, for the console. */
  why: string;
}

export interface ResolveOptions {
  side?: Side;
  format?: string;
  encoding?: string;
}

async function readSample(path: string, encoding: Encoding): Promise<SourceSample> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const head = new TextDecoder(encoding).decode(buf.subarray(0, bytesRead));
    return { path, name: basename(path), encoding, head };
  } finally {
    await fh.close();
  }
}

/** Picks encoding, format and side from the content; any of them can be forced by an option. */
export async function resolveSource(path: string, opts: ResolveOptions): Promise<Resolved> {
  const enc = opts.encoding ? { encoding: parseEncoding(opts.encoding), why: 'forced by --encoding' } : await detectEncoding(path);
  const sample = await readSample(path, enc.encoding);
  let adapter: SourceAdapter;
  let detection: Detection | null;
  if (opts.format) {
    adapter = ADAPTERS.find((a) => a.format === opts.format) ?? unknownFormat(opts.format);
    detection = adapter.detect(sample);
  } else {
    const candidates = ADAPTERS.map((a) => ({ adapter: a, d: a.detect(sample) }))
      .filter((c): c is { adapter: SourceAdapter; d: Detection } => c.d !== null)
      .sort((a, b) => b.d.confidence - a.d.confidence);
    const best = candidates[0];
    if (!best) {
      const firstLine = sample.head.split(/\r?\n/, 1)[0] ?? '';
      throw new InputError(
        `${path}: layout not recognised: no header row naming the required columns in its first 20 lines; first line is ${JSON.stringify(firstLine.slice(0, 200))}`,
        `formats tried: ${ADAPTERS.map((a) => a.format).join(', ')}; see README "Input columns"`,
      );
    }
    adapter = best.adapter;
    detection = best.d;
  }
  const side = opts.side ?? detection?.side ?? 'terminal';
  const sideWhy = opts.side ? 'side forced by --side' : `side ${side}`;
  return {
    adapter,
    side,
    encoding: enc.encoding,
    why: `${adapter.format} (${detection?.why ?? 'forced by --format'}); ${sideWhy}; ${enc.encoding} (${enc.why})`,
  };
}

function unknownFormat(name: string): never {
  throw new UsageError(`unknown format "${name}"`, `formats: ${ADAPTERS.map((a) => a.format).join(', ')}`);
}
