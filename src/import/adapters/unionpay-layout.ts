import { isAscii } from 'node:buffer';
import { decodeGbk } from '../byte-lines.js';

/**
 * UnionPay 全渠道 ZM record (formats.md §3.2, domain.md §5.2): 42 fields of fixed byte width, each followed by one
 * space, 607 bytes in all. The widths are the official SDK's (DemoBase.parseZMFile); the names come from an
 * integrator's field list with the same widths in the same order. Older files have one 131-byte reserve in place
 * of fields 41–42; the record length is the same and field 41 is then blank, so one layout reads both.
 */
export const ZM_FIELDS = [
  ['tradeCode', 3], ['acqInsCode', 11], ['sendInsCode', 11], ['traceNo', 6], ['txnTime', 10], ['cardNo', 19],
  ['txnAmt', 12], ['mcc', 4], ['termType', 2], ['queryId', 21], ['oldPayType', 2], ['orderId', 32],
  ['payCardType', 2], ['origTraceNo', 6], ['origTxnTime', 10], ['merFee', 13], ['settleAmt', 13], ['payType', 4],
  ['groupMerCode', 15], ['txnType', 2], ['txnSubType', 2], ['bizType', 6], ['accType', 2], ['billType', 4],
  ['billNo', 32], ['interactMode', 1], ['origQueryId', 21], ['merId', 15], ['accountType', 1], ['subMerId', 15],
  ['subMerAbbr', 32], ['subMerAmt', 13], ['settleNetAmt', 13], ['termId', 8], ['merReserved', 32], ['discountAmt', 13],
  ['invoiceAmt', 13], ['instalmentFee', 12], ['instalments', 2], ['tradeMedia', 1], ['origOrderId', 32], ['reserved', 98],
] as const satisfies ReadonlyArray<readonly [string, number]>;

/** ZME (差错, adjustments) widths from the same SDK; the names after the first eight are not published. */
export const ZME_WIDTHS = [3, 11, 11, 6, 10, 19, 12, 4, 2, 2, 6, 10, 4, 12, 13, 13, 15, 15, 1, 12, 2, 135] as const;

export type ZmKey = (typeof ZM_FIELDS)[number][0];

export interface Slice {
  text: string;
  /** 1-based byte columns, inclusive, for `file:line:start-end` locations. */
  start: number;
  end: number;
}

function recordLength(widths: readonly number[]): number {
  return widths.reduce((n, w) => n + w + 1, 0) - 1;
}

export const ZM_LENGTH = recordLength(ZM_FIELDS.map(([, w]) => w));
export const ZME_LENGTH = recordLength(ZME_WIDTHS);

export type SliceResult<K extends string> = { ok: true; fields: Record<K, Slice> } | { ok: false; start: number; end: number; reason: string };

interface Column {
  key: string;
  /** 1-based, inclusive, as in Slice; `end` is also the 0-based index of the separating space after the field. */
  start: number;
  end: number;
}

/** The fields of one record, each sliced and decoded only when read: zmRow reads 15 of 42. */
type RecordView = new (bytes: Buffer, ascii: string | null) => object;

const views = new WeakMap<object, { columns: Column[]; View: RecordView }>();

function viewOf(layout: ReadonlyArray<readonly [string, number]>): { columns: Column[]; View: RecordView } {
  const known = views.get(layout);
  if (known) return known;
  const columns: Column[] = [];
  let at = 0;
  for (const [key, width] of layout) {
    columns.push({ key, start: at + 1, end: at + width });
    at += width + 1;
  }
  class View {
    constructor(
      readonly bytes: Buffer,
      readonly ascii: string | null,
    ) {}
  }
  for (const { key, start, end } of columns) {
    Object.defineProperty(View.prototype, key, {
      get(this: View): Slice {
        const text = this.ascii === null ? decodeGbk(this.bytes.subarray(start - 1, end)) : this.ascii.slice(start - 1, end);
        return { text: text.trim(), start, end };
      },
    });
  }
  const made = { columns, View };
  views.set(layout, made);
  return made;
}

/**
 * Slices a record by bytes and checks the separators are spaces. Each field is decoded on its own, since a hanzi is
 * two GBK bytes; a record of ASCII only (nearly all: hanzi appear only in a sub-merchant's name) is decoded once
 * and sliced as text. Fields are sliced when read: building all 42 of every record was a fifth of a ZM import.
 */
export function sliceRecord<K extends string>(bytes: Buffer, layout: ReadonlyArray<readonly [K, number]>, length: number): SliceResult<K> {
  if (bytes.length !== length) return { ok: false, start: 1, end: bytes.length, reason: `record is ${bytes.length} bytes, expected ${length}` };
  const { columns, View } = viewOf(layout);
  for (const c of columns) {
    if (c.end < length && bytes[c.end] !== 0x20) {
      return { ok: false, start: c.end + 1, end: c.end + 1, reason: `byte ${c.end + 1} after field ${c.key} is not the separating space` };
    }
  }
  return { ok: true, fields: new View(bytes, isAscii(bytes) ? bytes.toString('latin1') : null) as Record<K, Slice> };
}

/** "D000000002861" (13 bytes, untrimmed) → 2861 on the D side; "C…" on the C side; " 000000000000" → 0, no side. */
export function signedFen(raw: string): { fen: number; side: 'C' | 'D' | '' } | null {
  const m = /^([CD ])(\d{12})$/.exec(raw);
  if (!m) return null;
  return { fen: Number(m[2]), side: (m[1] ?? '').trim() as 'C' | 'D' | '' };
}

/** The sliced field as raw padded text: signedFen needs the leading blank sign kept. */
export function rawField(bytes: Buffer, s: Slice): string {
  return bytes.subarray(s.start - 1, s.end).toString('latin1');
}
