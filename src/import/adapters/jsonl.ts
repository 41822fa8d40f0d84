import { checkLayout } from '../layout.js';
import { csvRecords } from '../csv-records.js';
import { fieldForHeader, foldHeader, type Field, type FieldMap } from '../fields.js';
import { isSecretHeader } from '../secrets.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import type { Detection, ReadContext, SourceAdapter, SourceRow, SourceSample } from '../types.js';

/**
 * JSON Lines for integrators: one canonical record per line, keys as in the README's column table
 * (merchant_id, terminal_id, …, amount_fen or amount, txn_date + txn_time or txn_datetime).
 */
export const jsonLines: SourceAdapter = {
  format: 'jsonl',
  description: 'JSON Lines: one object per line with canonical field names (terminal journals from integrators)',
  sides: ['terminal', 'settlement'],
  detect(sample: SourceSample): Detection {
    const first = sample.head.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
    if (!first.startsWith('{')) {
      return { fits: false, format: 'jsonl', closeness: 0, miss: 'the first non-blank line is not a JSON object' };
    }
    try {
      const keys = Object.keys(JSON.parse(first) as object).filter((k) => fieldForHeader(k) !== undefined);
      return { fits: true, format: 'jsonl', side: 'terminal', confidence: 0.95, why: `first line is a JSON object with ${keys.length} known fields` };
    } catch {
      return { fits: true, format: 'jsonl', side: 'terminal', confidence: 0.4, why: 'first line starts like a JSON object but does not parse' };
    }
  },
  read: readJsonLines,
};

async function* readJsonLines(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    for await (const row of readPart(part.text(), ctx)) yield prefix ? { ...row, where: `${prefix}:${row.line}` } : row;
  }
}

async function* readPart(chunks: AsyncIterable<string>, ctx: ReadContext): AsyncGenerator<SourceRow> {
  let checked = false;
  // csvRecords only splits lines here: JSON strings escape their quotes, so quote parity holds per line.
  for await (const { line, text } of csvRecords(chunks)) {
    if (text.trim() === '') {
      yield { kind: 'skip', line, raw: text, reason: 'blank line' };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { kind: 'reject', line, raw: text, reason: `not valid JSON (${(e as Error).message})` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'reject', line, raw: text, reason: 'expected a JSON object per line' };
      continue;
    }
    const fields: FieldMap = {};
    for (const [key, v] of Object.entries(value)) {
      const field = fieldForHeader(key);
      if (field !== undefined && v !== null && v !== undefined) fields[field] = typeof v === 'string' ? v.trim() : String(v);
    }
    if (!checked) {
      checkLayout(ctx.path, ctx.side, new Set(Object.keys(fields) as Field[]), Object.keys(value));
      checked = true;
    }
    const secrets = secretSpans(text);
    yield { kind: 'fields', line, raw: text, fields, ...(secrets.length > 0 ? { secrets } : {}) };
  }
}

/** The value ranges of keys naming sensitive authentication data ("cvv2": "737"), to be cut out of the line. */
function secretSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(/"([^"\\]+)"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\s]+)/g)) {
    const value = m[2] ?? '';
    if (m.index !== undefined && isSecretHeader(foldHeader(m[1] ?? ''))) {
      const end = m.index + m[0].length;
      spans.push([end - value.length, end]);
    }
  }
  return spans;
}
