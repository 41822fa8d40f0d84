import type { Side } from '../domain/record.js';
import type { ControlStatement, Measures } from './control.js';
import type { Encoding } from './decode.js';
import type { FieldMap } from './fields.js';
import type { SourceInput } from './source-input.js';

/** The start of one part of a file (the file itself, or one zip entry), decoded, for format detection. */
export interface SamplePart {
  /** The file's base name, or the entry's name inside the zip (GBK names decoded). */
  name: string;
  encoding: Encoding;
  /** The first bytes, raw: fixed-width formats are sliced by bytes. */
  bytes: Buffer;
  head: string;
}

/** What detection sees of a file. `head`/`encoding` are those of the first part, for single-part formats. */
export interface SourceSample {
  path: string;
  name: string;
  /** True when the file is a zip and `parts` are its entries. */
  archive: boolean;
  parts: readonly SamplePart[];
  encoding: Encoding;
  head: string;
}

/**
 * How well a format fits a file. A format that does not fit says what did not, so that an unrecognised file
 * can be refused with the closest candidates and the reason each one failed.
 */
export type Detection =
  | {
      fits: true;
      format: string;
      /** The side the content suggests, when it tells. */
      side: Side | null;
      /** 0..1; the registry picks the highest. */
      confidence: number;
      why: string;
    }
  | {
      fits: false;
      format: string;
      /** 0..1: how close the file came, to rank the candidates shown. */
      closeness: number;
      /** What did not fit, for the error message. */
      miss: string;
    };

interface RowBase {
  /** 1-based physical line within its part, header included. */
  line: number;
  raw: string;
  /**
   * Where the row is, when `file:line` is not precise enough: a suffix such as `!INN…ZM_…:3:67-78` (zip entry,
   * line, byte columns) or `[Sheet1]!D14` (xlsx). Rejections are reported and stored with it.
   */
  where?: string;
}

export type SourceRow =
  | (RowBase & {
      kind: 'fields';
      fields: FieldMap;
      /** What this row adds to the file's own totals (see control.ts), in the statement's units. */
      measures?: Measures;
      /** Something the user should know about an imported row (a fee rounded to the fen…). */
      warnings?: readonly string[];
      /** Personal data in the line (a cardholder's name or id number), masked before the raw text is stored. */
      sensitive?: readonly string[];
      /**
       * [start, end) ranges of `raw` holding sensitive authentication data (track data, CVV, PIN block), which
       * is never stored: they are replaced before the raw text is kept (PCI DSS 3.3.1).
       */
      secrets?: ReadonlyArray<readonly [number, number]>;
      /** Where each field's cell is (xlsx "[Sheet1]!D14"): a rejection names the cell of the field it is about. */
      fieldWhere?: Readonly<Record<string, string>>;
      /**
       * Set when the row ends before a required column: the reason to give if it cannot be imported. Not a
       * rejection by itself, because a short sign-on or summary row is skipped as any other non-transaction.
       */
      short?: string;
    })
  | (RowBase & {
      kind: 'skip';
      reason: string;
      control?: ControlStatement;
      /** A skipped row the user must still look at (a UnionPay ZME adjustment record). */
      warnings?: readonly string[];
      /** A skipped row may still count towards the file's totals (a WeChat fund-flow bill, a 乐刷 reversal pair). */
      measures?: Measures;
      /** The skipped row is accounted for (a sale and its reversal netting to zero): its measures count as imported. */
      accounted?: boolean;
      /** On a header row: why the file looks like the other side's (layout.ts sideDoubt). */
      sideDoubt?: string;
    })
  | (RowBase & {
      kind: 'reject';
      reason: string;
      /** A rejected row still counts towards the file's own totals over its rows (not towards the imported ones). */
      measures?: Measures;
    });

export interface ReadContext {
  /** The path as the user gave it, for messages. */
  path: string;
  side: Side;
  /** Year for formats whose dates have none (UnionPay MMDDhhmmss), when the file name does not tell. */
  year?: number;
}

/** One module per source format (style.md rule 5). Adding a format is one file and one registry line. */
export interface SourceAdapter {
  readonly format: string;
  readonly description: string;
  /** Sides a file of this format can be; acquirer formats are settlement only. */
  readonly sides: readonly Side[];
  /** QR and online rows (WeChat, Alipay) may carry no terminal id: the order number identifies them. */
  readonly terminalOptional?: boolean;
  /**
   * The file covers the natural day 00:00–24:00 (WeChat and Alipay bills, formats.md §1.1, §2.2): a row without a
   * clearing date settles on its own date, not on the next day after the card acquirers' cut-off.
   */
  readonly naturalDay?: boolean;
  /**
   * Rows carry no measures of their own, but a statement may end in a total row (合计) stating amount, fee and net
   * in the same columns: the rows' amounts are then summed as printed for it (RowBatcher).
   */
  readonly sumsRows?: boolean;
  /** The encoding files of this format always have (a profile may say); --encoding still overrides it. */
  readonly encoding?: Encoding;
  detect(sample: SourceSample): Detection;
  /** Yields every row after the header: none is dropped, each is fields, skipped or rejected. */
  read(input: SourceInput, ctx: ReadContext): AsyncIterable<SourceRow>;
  /** The same rows a chunk at a time, for formats whose files get large: one await per row costs more than the row. */
  readBatches?(input: SourceInput, ctx: ReadContext): AsyncIterable<readonly SourceRow[]>;
}

/** An adapter's rows in batches, whether or not it reads them that way. */
export async function* rowBatches(adapter: SourceAdapter, input: SourceInput, ctx: ReadContext): AsyncGenerator<readonly SourceRow[]> {
  if (adapter.readBatches) {
    yield* adapter.readBatches(input, ctx);
    return;
  }
  for await (const row of adapter.read(input, ctx)) yield [row];
}

/** `file:line`, or the row's own location. */
export function whereOf(row: { line: number; where?: string }): string {
  return row.where ?? `:${row.line}`;
}
