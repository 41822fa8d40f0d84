import type { Side } from '../domain/record.js';
import type { Encoding } from './decode.js';
import type { FieldMap } from './fields.js';

/** The start of a file, decoded, for format detection. */
export interface SourceSample {
  path: string;
  name: string;
  encoding: Encoding;
  head: string;
}

export interface Detection {
  format: string;
  /** The side the content suggests, when it tells. */
  side: Side | null;
  /** 0..1; the registry picks the highest. */
  confidence: number;
  why: string;
}

export type SourceRow =
  | { kind: 'fields'; line: number; raw: string; fields: FieldMap }
  | { kind: 'skip' | 'reject'; line: number; raw: string; reason: string };

export interface ReadContext {
  path: string;
  side: Side;
}

/** One module per source format (style.md rule 5). Adding a format is one file and one registry line. */
export interface SourceAdapter {
  readonly format: string;
  readonly description: string;
  detect(sample: SourceSample): Detection | null;
  /** Yields every row after the header: none is dropped, each is fields, skipped or rejected. */
  read(chunks: AsyncIterable<string>, ctx: ReadContext): AsyncIterable<SourceRow>;
}
