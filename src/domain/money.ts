/** Integer minor units (fen). Money never travels as a float. */
export type Fen = number & { readonly __brand: 'Fen' };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const YUAN = /^([+-])?(?:¥|￥|RMB\s*|CNY\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/i;
const FEN = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)$/;

/** Parses a signed amount in yuan ("1,328.00", "-12.5", "¥8") into fen. Extra decimals are allowed only when they are zeros. */
export function parseYuan(text: string): ParseResult<Fen> {
  const t = text.trim().replace(/^\((.*)\)$/, '-$1');
  const m = YUAN.exec(t);
  if (!m) return { ok: false, reason: `amount "${text}" is not a number in yuan (expected like 328.00 or 1,328.00)` };
  const [, sign, whole = '', frac = ''] = m;
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) {
    return { ok: false, reason: `amount "${text}" has fractions of a fen (expected at most 2 decimals)` };
  }
  const digits = whole.replace(/,/g, '') + frac.slice(0, 2).padEnd(2, '0');
  return toFen(digits, sign, text);
}

/** Parses a signed integer amount already in fen. */
export function parseFen(text: string): ParseResult<Fen> {
  const m = FEN.exec(text.trim());
  if (!m) return { ok: false, reason: `amount "${text}" is not a whole number of fen` };
  return toFen((m[2] ?? '').replace(/,/g, ''), m[1], text);
}

function toFen(digits: string, sign: string | undefined, text: string): ParseResult<Fen> {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return { ok: false, reason: `amount "${text}" is too large` };
  return { ok: true, value: (sign === '-' && n !== 0 ? -n : n) as Fen };
}

/** 32800 → "328.00"; the only place money becomes text. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString();
  const frac = (abs % 100).toString().padStart(2, '0');
  return `${sign}${whole}.${frac}`;
}
