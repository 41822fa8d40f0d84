import { InputError, UsageError } from '../domain/errors.js';
import type { Side } from '../domain/record.js';
import { ADAPTERS } from './adapters/index.js';
import { isWorkbook } from './adapters/xlsx.js';
import { parseEncoding, type Encoding } from './decode.js';
import { describeHead, encodingDoubt, quoteText } from './head-text.js';
import { HEAD_BYTES, openInput, sampleInput, type SourceInput } from './source-input.js';
import type { Detection, SourceAdapter, SourceSample } from './types.js';

export interface Resolved {
  adapter: SourceAdapter;
  side: Side;
  input: SourceInput;
  /** The encoding of each part, e.g. "gb18030" or, for a zip of two files, "gb18030+utf-8". */
  encoding: string;
  /** Why this format, side and encoding were chosen, for the console. */
  why: string;
}

export interface ResolveOptions {
  side?: Side;
  format?: string;
  encoding?: string;
  /** An adapter built from a --profile file: it is used as is, without detection. */
  profile?: SourceAdapter;
}

type Fit = Extract<Detection, { fits: true }>;
type Miss = Extract<Detection, { fits: false }>;

/** How many near misses an unrecognised file is refused with. */
const CANDIDATES_SHOWN = 3;

/** Runs every adapter's detect() on the sample: the fits best first, and the misses closest first. */
export function rankFormats(sample: SourceSample, adapters: readonly SourceAdapter[] = ADAPTERS) {
  const all = adapters.map((adapter) => ({ adapter, d: adapter.detect(sample) }));
  const fits = all
    .filter((c): c is { adapter: SourceAdapter; d: Fit } => c.d.fits)
    .sort((a, b) => b.d.confidence - a.d.confidence);
  const misses = all
    .filter((c): c is { adapter: SourceAdapter; d: Miss } => !c.d.fits)
    .sort((a, b) => b.d.closeness - a.d.closeness);
  return { fits, misses };
}

/** Picks format, side and encoding from the content; any of them can be forced by an option. */
export async function resolveSource(path: string, opts: ResolveOptions): Promise<Resolved> {
  const forced = opts.encoding
    ? { encoding: parseEncoding(opts.encoding), why: 'forced by --encoding' }
    : opts.profile?.encoding
      ? { encoding: opts.profile.encoding, why: 'set by the profile' }
      : undefined;
  const input = await openInput(path, forced);
  const sample = await sampleInput(input);
  refuseEmpty(path, sample);
  let adapter: SourceAdapter;
  let detection: Detection | null = null;
  let formatWhy: string;
  if (opts.profile) {
    adapter = opts.profile;
    formatWhy = 'chosen by --profile';
  } else if (opts.format) {
    adapter = ADAPTERS.find((a) => a.format === opts.format) ?? unknownFormat(opts.format);
    detection = adapter.detect(sample);
    formatWhy = detection.fits ? `forced by --format; ${detection.why}` : `forced by --format, although ${detection.miss}`;
  } else {
    const { fits, misses } = rankFormats(sample);
    const best = fits[0];
    if (!best) throw notRecognised(sample, misses, forced && opts.encoding !== undefined ? { encoding: forced.encoding, option: opts.encoding } : undefined);
    adapter = best.adapter;
    detection = best.d;
    formatWhy = best.d.why;
  }
  if (opts.side && !adapter.sides.includes(opts.side)) {
    throw new UsageError(`${path}: ${adapter.format} files are ${adapter.sides.join(' or ')} files, not ${opts.side}`, 'leave out --side, or choose another --format');
  }
  const side = opts.side ?? (detection?.fits ? detection.side : null) ?? (adapter.sides.length === 1 ? adapter.sides[0] : undefined) ?? 'terminal';
  const sideWhy = opts.side ? `side ${side} (given)` : `side ${side}`;
  const encodings = [...new Set(input.parts.map((p) => p.encoding))];
  const encWhy = [...new Set(input.parts.map((p) => p.encodingWhy))].join('; ');
  // An .xlsx is a zip too, but its parts ([Content_Types].xml, _rels/.rels…) are Excel's inside, not the user's files.
  const where = input.archive && !isWorkbook(sample) ? `zip of ${input.parts.length} (${input.parts.map((p) => p.name).join(', ')}); ` : '';
  return {
    adapter,
    side,
    input,
    encoding: encodings.join('+') || 'utf-8',
    why: `${adapter.format} (${formatWhy}); ${where}${sideWhy}; ${encodings.join('+') || 'utf-8'} (${encWhy || 'empty zip'})`,
  };
}

/**
 * An empty file (or one of blank lines only) is said to be that, whatever format was asked for: "layout not
 * recognised (first line "")" sent the user looking for a layout problem. The sample is the file's first 64 KiB, so
 * a sample shorter than that is the whole file.
 */
function refuseEmpty(path: string, sample: SourceSample): void {
  const only = sample.archive ? undefined : sample.parts[0];
  if (!only || only.bytes.length >= HEAD_BYTES || only.head.trim() !== '') return;
  const what = only.bytes.length === 0 ? 'empty (0 bytes)' : `only blank lines (${only.bytes.length} bytes, no text)`;
  throw new InputError(`${path}: the file is ${what}; nothing imported`, 'check that the download or export finished, and import the complete file');
}

function notRecognised(
  sample: SourceSample,
  misses: ReadonlyArray<{ adapter: SourceAdapter; d: Miss }>,
  forced?: { encoding: Encoding; option: string },
): InputError {
  const what = sample.archive
    ? `a zip holding ${sample.parts.map((p) => quoteText(p.name)).join(', ') || 'nothing'}`
    : describeHead(sample.parts[0]?.bytes ?? Buffer.alloc(0), sample.head);
  const doubts = forced ? sample.parts.flatMap((p) => encodingDoubt(p.bytes, p.head, forced.encoding) ?? []) : [];
  const cause = forced && doubts.length > 0 ? `, perhaps because of --encoding ${forced.option}: ${doubts[0] ?? ''}` : '';
  const closest = misses.slice(0, CANDIDATES_SHOWN).map((m) => `${m.adapter.format}: ${m.d.miss}`);
  return new InputError(
    `${sample.path}: layout not recognised (${what})${cause}; closest formats:\n  ${closest.join('\n  ')}`,
    cause
      ? `leave out --encoding: posrecon detects UTF-8 (with or without a byte-order mark) and GBK by itself`
      : `formats: ${ADAPTERS.map((a) => a.format).join(', ')} (posrecon formats); force one with --format, or describe the layout in a --profile`,
  );
}

function unknownFormat(name: string): never {
  throw new UsageError(`unknown format "${name}"`, `formats: ${ADAPTERS.map((a) => a.format).join(', ')}`);
}
