import { excelSerialToIso } from './xlsx-rows.js';

const TOKENS: Record<string, string> = { YYYY: '(?<y>\\d{4})', MM: '(?<mo>\\d{1,2})', DD: '(?<d>\\d{1,2})', HH: '(?<h>\\d{1,2})', mm: '(?<mi>\\d{2})', ss: '(?<s>\\d{2})' };

function compile(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; ) {
    const token = Object.keys(TOKENS).find((t) => pattern.startsWith(t, i));
    if (token) {
      src += TOKENS[token] ?? '';
      i += token.length;
    } else {
      src += (pattern[i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${src}$`);
}

const pad = (s: string | undefined): string => (s ?? '').padStart(2, '0');

/**
 * Rewrites a date or time written in a profile's pattern ("DD/MM/YYYY", "YYYYMMDD HHmmss") into the forms the
 * importer reads (YYYY-MM-DD, HH:MM:SS). Text already in those forms, and an Excel serial number left in a text
 * cell, are accepted as they are; anything else is returned unchanged for the importer to reject with its reason.
 */
export function applyPattern(text: string, pattern: string | undefined, kind: 'date' | 'time' | 'datetime'): string {
  const t = text.trim();
  // A serial is a day count (dates) or a fraction of a day (times); a 5-digit time is HHmmss without its zero.
  if (kind !== 'time' && /^\d{5}(\.\d+)?$/.test(t)) return excelSerialToIso(Number(t));
  if (kind === 'time' && /^0?\.\d+$/.test(t)) return excelSerialToIso(Number(t));
  if (pattern === undefined || /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$|^\d{2}:\d{2}:\d{2}$/.test(t)) return t;
  const g = compile(pattern).exec(t)?.groups;
  if (!g) return t;
  const date = g['y'] ? `${g['y']}-${pad(g['mo'])}-${pad(g['d'])}` : '';
  const time = g['h'] ? `${pad(g['h'])}:${g['mi'] ?? '00'}:${g['s'] ?? '00'}` : '';
  return [date, time].filter((x) => x !== '').join(' ');
}
