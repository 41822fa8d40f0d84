import type { ParseResult } from './money.js';

/** A fee rate in parts per million: 0.55% = 5500. Integer, so that fees are computed without floats. */
export type RatePpm = number & { readonly __brand: 'RatePpm' };

const RATE = /^(\d+)(?:\.(\d+))?\s*(%|‰)?$/;

/**
 * "0.55%", "0.0055" or "5.5‰" → 5500 ppm. At most 4 decimals of a percent (0.0001% = 1 ppm); rates above
 * 100% are refused.
 */
const MAX_PLAUSIBLE_PPM = 50_000;

export function parseRate(text: string): ParseResult<RatePpm> {
  const m = RATE.exec(text.trim());
  if (!m) return { ok: false, reason: `rate "${text}" is not a rate (expected like 0.55% or 0.0055)` };
  const [, whole = '', frac = '', unit] = m;
  // Scale to ppm: a plain fraction ×10^6, a percent ×10^4, a per-mille ×10^3.
  const shift = unit === '%' ? 4 : unit === '‰' ? 3 : 6;
  if (frac.length > shift && /[1-9]/.test(frac.slice(shift))) {
    return { ok: false, reason: `rate "${text}" is finer than 0.0001% (1 part per million)` };
  }
  const ppm = Number(whole + frac.slice(0, shift).padEnd(shift, '0'));
  if (!Number.isSafeInteger(ppm) || ppm > 1_000_000) return { ok: false, reason: `rate "${text}" is above 100%` };
  // Card and QR rates are well under 5%; "0.55" is almost always 0.55% typed without its sign, not 55%.
  if (ppm > MAX_PLAUSIBLE_PPM) {
    return { ok: false, reason: `rate "${text}" is ${formatRate(ppm)}, above the ${formatRate(MAX_PLAUSIBLE_PPM)} no acquirer charges (write 0.55% for 0.55%)` };
  }
  return { ok: true, value: ppm as RatePpm };
}

/** 5500 → "0.55%". */
export function formatRate(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const frac = (ppm % 10_000).toString().padStart(4, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** round-half-up(amount × rate), in integers: the fen a rate gives on an amount before cap and minimum. */
export function applyRate(amountFen: number, ppm: number): number {
  return Number((BigInt(amountFen) * BigInt(ppm) + 500_000n) / 1_000_000n);
}
