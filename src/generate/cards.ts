import { luhnSum } from '../domain/pan.js';

export { maskPan } from '../domain/pan.js';
import { createRng, type Rng } from './rng.js';

export type CardType = 'debit' | 'credit';

export interface Card {
  /** The full synthetic PAN, Luhn-valid: the journal carries it on purpose so the importer has to mask it. */
  pan: string;
  type: CardType;
}

/**
 * Background BINs. None starts with 62258: that prefix is reserved for injected patterns, so a background card can
 * never be mistaken for the card of a pattern, whatever the random middle digits turn out to be.
 */
const BACKGROUND_BINS: ReadonlyArray<{ bin: string; length: 16 | 19; type: CardType }> = [
  { bin: '621700', length: 19, type: 'debit' },
  { bin: '622202', length: 19, type: 'debit' },
  { bin: '622848', length: 19, type: 'debit' },
  { bin: '621226', length: 19, type: 'debit' },
  { bin: '621661', length: 19, type: 'debit' },
  { bin: '623668', length: 19, type: 'debit' },
  { bin: '621483', length: 16, type: 'debit' },
  { bin: '622609', length: 16, type: 'debit' },
  { bin: '625802', length: 16, type: 'credit' },
  { bin: '622575', length: 16, type: 'credit' },
  { bin: '524094', length: 16, type: 'credit' },
  { bin: '552534', length: 16, type: 'credit' },
  { bin: '438088', length: 16, type: 'credit' },
  { bin: '625965', length: 16, type: 'credit' },
];

/** Injected cards use 62258d; the digit order starts at 8 so the first 10 000 patterns all read 622588. */
const RESERVED_BIN_DIGITS = '8012345679';
const PER_BIN = 10_000;

/** How many injected cards have a distinct masked form (first 6 + last 4); beyond this they repeat. */
export const INJECTED_CARD_CAPACITY = PER_BIN * RESERVED_BIN_DIGITS.length;

export function backgroundCard(rng: Rng): Card {
  const spec = rng.pick(BACKGROUND_BINS);
  return { pan: buildPan(spec.bin, spec.length, randomDigits(rng, 4), rng), type: spec.type };
}

/**
 * The card of injected pattern number `id`: its last 4 digits are the id itself, so no two patterns share a masked
 * card and the fuzzy pass (terminal + card + amount + time) can only ever pair a pattern's own rows.
 */
export function injectedCard(seed: number, id: number): Card {
  const slot = id % INJECTED_CARD_CAPACITY;
  const bin = `62258${RESERVED_BIN_DIGITS[Math.floor(slot / PER_BIN)] ?? '8'}`;
  const last4 = (slot % PER_BIN).toString().padStart(4, '0');
  const length = id % 2 === 0 ? 16 : 19;
  const type: CardType = Math.floor(id / 2) % 2 === 0 ? 'debit' : 'credit';
  return { pan: buildPan(bin, length, last4, createRng(seed, 'card', id)), type };
}

/**
 * BIN + random middle + the given last 4. The digit just before the last 4 is the one solved for the Luhn check,
 * so the last 4 stay exactly as asked. That digit is 4th from the right, an undoubled position.
 */
function buildPan(bin: string, length: number, last4: string, rng: Rng): string {
  const middle = randomDigits(rng, length - bin.length - 5);
  const fix = (10 - (luhnSum(`${bin}${middle}0${last4}`) % 10)) % 10;
  return `${bin}${middle}${fix}${last4}`;
}

function randomDigits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}
