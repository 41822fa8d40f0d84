import { cleanCell } from '../cells.js';
import type { StatedMeasure } from '../control.js';
import { partPrefix, type SourceInput, type SourcePart } from '../source-input.js';
import { firstLineOf, textLines } from '../text-lines.js';
import type { Detection, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { leshuaFields, reversalKey, TOTALS } from './leshua-rows.js';

const SEPARATORS = ['|', ',', '\t'] as const;

/** The separator the documentation leaves unstated: the one that splits a BT line into most of its 25 fields. */
function separatorOf(line: string): string | null {
  for (const s of SEPARATORS) if (line.startsWith(`BT${s}`) && line.split(s).length >= 20) return s;
  return null;
}

/**
 * 乐刷 agent trade file (`<agent>_trade_new_<date>.txt`, domain.md §5.5): BT title records and BV value records,
 * amounts in fen, `*` for not applicable. The page publishing it does not state the separator nor what a BT record
 * holds besides the column titles; this reader takes a BT record naming the columns as the header and a BT record
 * with numbers under 交易金额(分) as the file's totals (编号 = record count), and says so (README).
 */
export const leshuaTrade: SourceAdapter = {
  format: 'leshua-trade',
  description: '乐刷 trade file: BT/BV records, amounts in fen, fee rate per line, reversal and void lines, * = n/a',
  sides: ['settlement'],
  terminalOptional: true,
  detect(sample: SourceSample): Detection {
    const first = firstLineOf(sample.head);
    const sep = separatorOf(first);
    if (sep && first.includes('交易金额')) {
      return { fits: true, format: 'leshua-trade', side: 'settlement', confidence: 0.95, why: `BT title record naming the columns, separated by ${JSON.stringify(sep)}` };
    }
    const named = /_trade_new_/i.test(sample.name);
    return { fits: false, format: 'leshua-trade', closeness: named ? 0.6 : /^B[TV]\b/.test(first) ? 0.4 : 0, miss: 'first line is not a BT record naming the columns (记录类型, 编号, 交易时间, …)' };
  },
  read: readLeshua,
};

async function* readLeshua(input: SourceInput): AsyncGenerator<SourceRow> {
  for (const part of input.parts) yield* readPart(input, part);
}

async function* readPart(input: SourceInput, part: SourcePart): AsyncGenerator<SourceRow> {
  const prefix = partPrefix(input, part);
  // A reversal (消费冲正) cancels a sale listed in the same file; both are found first so the pair can be set aside.
  const reversed = await reversalsOf(part);
  let header: string[] | null = null;
  let sep = ',';
  for await (const { line, text } of textLines(part.text())) {
    const base = { line, raw: text, ...(prefix ? { where: `${prefix}:${line}` } : {}) };
    if (text.trim() === '') {
      yield { ...base, kind: 'skip', reason: 'blank line' };
      continue;
    }
    if (!header) {
      const s = separatorOf(text.trim());
      if (s !== null) {
        header = text.trim().split(s).map(cleanCell);
        sep = s;
      }
      yield { ...base, kind: 'skip', reason: header ? 'BT title record (column names)' : 'above the BT title record' };
      continue;
    }
    const cells = text.split(sep).map(cleanCell);
    if (cells[0] === 'BT') yield totalsRow(header, cells, base, line);
    else if (cells[0] !== 'BV') yield { ...base, kind: 'reject', reason: `记录类型 "${cells[0] ?? ''}" is neither BT nor BV` };
    else if (cells.length !== header.length) yield { ...base, kind: 'reject', reason: `${cells.length} fields, but the BT title record has ${header.length}` };
    else yield leshuaFields(header, cells, base, reversed);
  }
}

function totalsRow(header: readonly string[], cells: readonly string[], base: { line: number; raw: string; where?: string }, line: number): SourceRow {
  const measures: StatedMeasure[] = [];
  for (const [column, key, label, scale] of TOTALS) {
    // Counts and amounts alike are whole numbers here: the amounts are already in fen.
    const text = header.includes(column) ? (cells[header.indexOf(column)] ?? '') : '';
    if (/^-?\d+$/.test(text)) measures.push({ key, label, scale, stated: Number(text) });
  }
  if (measures.length === 0) return { ...base, kind: 'skip', reason: 'BT record without numbers' };
  return { ...base, kind: 'skip', reason: 'BT totals record: control totals', control: { source: `BT record, line ${line}`, measures } };
}

async function reversalsOf(part: SourcePart): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let header: string[] | null = null;
  let sep = ',';
  for await (const { line, text } of textLines(part.text())) {
    if (header) {
      const key = reversalKey(header, text.split(sep).map(cleanCell));
      if (key) found.set(key, line);
      continue;
    }
    const s = separatorOf(text.trim());
    if (s !== null) {
      header = text.trim().split(s).map(cleanCell);
      sep = s;
    }
  }
  return found;
}
