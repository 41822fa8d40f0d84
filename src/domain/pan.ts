/**
 * Card numbers are masked to first 6 + last 4 the moment they are read: a full PAN never reaches the
 * database, a report or a log line (PCI DSS display rule; domain.md §2.5).
 */
export interface MaskedCard {
  masked: string;
  last4: string;
}

const MASKED = /^(\d{4,8})[*xX#]+(\d{4})$/;

export function maskCard(text: string): MaskedCard | { error: string } {
  const read = maskCardText(text);
  if (read) return read;
  // Only after the plain forms fail: the slip form is rare, and most rows should not pay for the extra test.
  const bare = withoutEntryMode(text);
  return (bare !== null && maskCardText(bare)) || { error: `card number "${redactDigits(text)}" is neither a card number nor a masked one (expected 622588******1234)` };
}

function maskCardText(text: string): MaskedCard | null {
  const compact = text.replace(/[\s-]/g, '');
  if (/^\d{12,19}$/.test(compact)) {
    return { masked: maskPan(compact), last4: compact.slice(-4) };
  }
  const m = MASKED.exec(compact);
  if (m) {
    const head = (m[1] ?? '').slice(0, 6);
    const tail = m[2] ?? '';
    const len = Math.max(compact.length, head.length + tail.length + 1);
    return { masked: head + '*'.repeat(len - head.length - 4) + tail, last4: tail };
  }
  const tailOnly = /^[*xX#]*(\d{4})$/.exec(compact);
  if (tailOnly) return { masked: `****${tailOnly[1] ?? ''}`, last4: tailOnly[1] ?? '' };
  return null;
}

/**
 * A slip prints the card number followed by the entry-mode letter (domain.md §2.5: S swipe, I chip, C contactless,
 * M manual, N no card), as `621669*********9200 /C` or `6225 88** **** 1234 I`: the number without it, or null.
 */
const ENTRY_MODE = /^(.*[\d*])\s*(?:\/\s*|\s)[SICMN]\s*$/i;

export function withoutEntryMode(text: string): string | null {
  return ENTRY_MODE.exec(text)?.[1] ?? null;
}

/** 622588******1234: first 6 and last 4, the length kept, as acquirer files print it. */
export function maskPan(pan: string): string {
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

/** Luhn check: tells a card number from an order number or a merchant id of the same length. */
export function luhnValid(digits: string): boolean {
  return luhnSum(digits) % 10 === 0;
}

/** The Luhn sum of a digit string, rightmost digit undoubled. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/**
 * Masks every run of digits that is a card number, and any exact value given: a run of 16 to 19 digits that passes
 * the Luhn check and starts with an issuer's prefix (cardPrefixed), or a run of 13 to 15 digits that passes it and
 * starts as such cards do (SHORT_PAN_PREFIXES).
 * Other runs stay readable, so merchant ids, RRNs and order numbers still tell a row apart; a Luhn-valid 13-15 digit
 * id that happens to carry a card prefix is masked too; so is a card number written in the usual groups
 * (maskGroupedPans). Used on raw source lines before they are stored as evidence or as a rejected row.
 */
export function redactPans(line: string, known: readonly string[] = []): string {
  let out = line;
  for (const value of known) {
    if (!out.includes(value)) continue;
    // A slip-form value (`6216…9200 /C`) is masked as its digits, or a full number with a letter would stay whole.
    const digits = /^[\d\s-]+$/.test(value) ? value : withoutEntryMode(value);
    if (digits === null) continue;
    const compact = digits.replace(/[\s-]/g, '');
    if (/^\d{12,19}$/.test(compact)) out = out.replaceAll(digits, maskPan(compact));
  }
  return maskLuhnRuns(out);
}

/**
 * A card number as people write it: 4-4-4-4 (and a group of 3 for 19 digits), Amex 4-6-5, Diners 4-6-4, by spaces
 * or hyphens, the same between every group. Only these layouts: digit groups in general would join a fixed-width
 * record's neighbouring fields (a ZM trace number and its time) into false card numbers.
 */
const GROUPED = /(?<!\d)(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![\d])(?![ -]\d)/g;

function maskGroupedPans(line: string): string {
  return line.replace(GROUPED, (written) => {
    const digits = written.replace(/[ -]/g, '');
    if (!panShaped(digits, 0, digits.length) || !luhnValid(digits)) return written;
    const masked = maskPan(digits);
    let at = 0;
    return written.replace(/\d+/g, (group) => masked.slice(at, (at += group.length)));
  });
}

/** Maestro's IINs: its cards run from 12 to 19 digits. */
const MAESTRO = ['5018', '5020', '5038', '5893', '6304', '6759', '6761', '6762', '6763'];

/**
 * Card numbers shorter than 16 digits, by length: Visa 13; Diners 14; Amex and the old JCB 15; Maestro 13-15. Luhn
 * alone would mask one in ten 13-15 digit ids (15-digit UnionPay merchant ids, order numbers), so the brand must
 * match too.
 */
const SHORT_PAN_PREFIXES: ReadonlyMap<number, readonly string[]> = new Map([
  [13, ['4', ...MAESTRO]],
  [14, ['30', '36', '38', '39', ...MAESTRO]],
  [15, ['34', '37', '1800', '2131', ...MAESTRO]],
]);

/**
 * Whether 16-19 digits at `start` begin as a card number does: issuers' ranges start 3 (Amex, JCB, Diners), 4 (Visa),
 * 5 (Mastercard, Maestro), 6 (UnionPay 62, Discover, Maestro), 9 (Chinese domestic cards, 95…), 2221-2720
 * (Mastercard's 2-series) or 81 (UnionPay's second range). Order numbers begin with a date (2026… is below 2221),
 * a counter (0, 1) or a merchant prefix (7, 8x): Luhn alone masked one in ten of them in the stored line while
 * order_no showed them whole. Checked by character codes: this runs for every long digit run of every line.
 */
function cardPrefixed(line: string, start: number): boolean {
  const d = line.charCodeAt(start) - 48;
  if (d === 3 || d === 4 || d === 5 || d === 6 || d === 9) return true;
  const d2 = line.charCodeAt(start + 1) - 48;
  if (d === 8) return d2 === 1;
  if (d !== 2) return false;
  const four = d * 1000 + d2 * 100 + (line.charCodeAt(start + 2) - 48) * 10 + (line.charCodeAt(start + 3) - 48);
  return four >= 2221 && four <= 2720;
}

/** Whether the digits line[start, start + length) have a card number's length and prefix; Luhn is checked after. */
function panShaped(line: string, start: number, length: number): boolean {
  if (length < 13 || length > 19) return false;
  if (length >= 16) return cardPrefixed(line, start);
  // Checked in place: most such runs are merchant ids on every settlement line, and need no copy to be refused.
  for (const prefix of BY_LENGTH_AND_DIGIT.get(length * 10 + line.charCodeAt(start) - 48) ?? []) if (line.startsWith(prefix, start)) return true;
  return false;
}

/** SHORT_PAN_PREFIXES keyed by length × 10 + first digit: a merchant id starting 8 meets no prefix at all. */
const BY_LENGTH_AND_DIGIT: ReadonlyMap<number, readonly string[]> = (() => {
  const map = new Map<number, string[]>();
  for (const [length, prefixes] of SHORT_PAN_PREFIXES) {
    for (const p of prefixes) {
      const key = length * 10 + p.charCodeAt(0) - 48;
      map.set(key, [...(map.get(key) ?? []), p]);
    }
  }
  return map;
})();

/**
 * `line.replace(/(?<!\d)\d{13,19}(?!\d)/g, …)` masking the card-shaped, Luhn-valid runs, scanned by hand: it runs on
 * every imported line, and the look-behind regex cost more than the rest of the masking together. The same scan
 * notices 4 digits, a separator and a run of 4 or 6 (not a date's 2026-03), the start of a grouped card number: only
 * such a line goes through maskGroupedPans (a regex test of every line for it doubled the time of this function).
 */
function maskLuhnRuns(line: string): string {
  let out = '';
  let copied = 0;
  let grouped = false;
  for (let i = 0; i < line.length; ) {
    if (!isDigit(line.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = i + runLength(line, i);
    if (panShaped(line, i, end - i)) {
      const run = line.slice(i, end);
      if (luhnValid(run)) {
        out += line.slice(copied, i) + maskPan(run);
        copied = end;
      }
    } else if (end - i === 4 && isSeparator(line.charCodeAt(end)) && SECOND_GROUP.has(runLength(line, end + 1))) {
      grouped = true;
    }
    i = end;
  }
  const masked = copied === 0 ? line : out + line.slice(copied);
  return grouped ? maskGroupedPans(masked) : masked;
}

/** The second group of a grouped card number: 4 digits (4-4-4-4), or 6 (Amex 4-6-5, Diners 4-6-4). */
const SECOND_GROUP: ReadonlySet<number> = new Set([4, 6]);

/** Digits from `at` on (0 where there is none). */
function runLength(line: string, at: number): number {
  let end = at;
  while (end < line.length && isDigit(line.charCodeAt(end))) end++;
  return end - at;
}

function isSeparator(code: number): boolean {
  return code === 32 || code === 45;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function redactDigits(text: string): string {
  return text.replace(/\d{6,}/g, (run) => (run.length > 10 ? maskPan(run) : run));
}
