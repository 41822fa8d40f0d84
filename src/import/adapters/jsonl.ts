import { checkLayout } from '../layout.js';
import { csvRecords } from '../csv-records.js';
import { fieldForHeader, type Field, type FieldMap } from '../fields.js';
import type { Detection, ReadContext, SourceAdapter, SourceRow, SourceSample } from '../types.js';

/**
 * JSON Lines for integrators: one canonical record per line, keys as in the README's column table
 * (merchant_id, terminal_id, …, amount_fen or amount, txn_date + txn_time or txn_datetime).
 */
export const jsonLines: SourceAdapter = {
  format: 'jsonl',
  description: 'JSON Lines: one object per line with canonical field names (terminal journals from integrators)',
  detect(sample: SourceSample): Detection | null {
    const first = sample.head.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
    if (!first.startsWith('{')) return null;
    try {
      const keys = Object.keys(JSON.parse(first) as object).filter((k) => fieldForHeader(k) !== undefined);
      return { format: 'jsonl', side: 'terminal', confidence: 0.95, why: `first line is a JSON object with ${keys.length} known fields` };
    } catch {
      return { format: 'jsonl', side: 'terminal', confidence: 0.4, why: 'first line starts like a JSON object but does not parse' };
    }
  },
  read: readJsonLines,
};

async function* readJsonLines(chunks: AsyncIterable<string>, ctx: ReadContext): AsyncGenerator<SourceRow> {
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
    yield { kind: 'fields', line, raw: text, fields };
  }
}
