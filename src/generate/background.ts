import { backgroundCard } from './cards.js';
import { attempt, type Attempt } from './model.js';
import type { Rng } from './rng.js';

const OPEN = 8 * 3600;
/** Background trade stops at 22:30, well before the 23:00 cut-off: only injected patterns cross it. */
const CLOSE = 22 * 3600 + 30 * 60;

/**
 * Ordinary approved, settled sales, produced lazily in time order. Sale i falls in the i-th of perDay equal slots
 * of the trading day, so times never decrease and nothing has to be generated ahead and sorted.
 */
export function* backgroundSales(rng: Rng, day: number, perDay: number): Generator<Attempt> {
  const span = CLOSE - OPEN;
  for (let i = 0; i < perDay; i++) {
    const time = OPEN + Math.floor(((i + rng.next()) * span) / perDay);
    yield attempt({ day, time, card: backgroundCard(rng), amountFen: backgroundAmount(rng) });
  }
}

/** 1.00–5000.00, never ending in .88: that fen value is kept for injected patterns. */
function backgroundAmount(rng: Rng): number {
  const fen = rng.int(100, 500_000);
  return fen % 100 === 88 ? fen - 1 : fen;
}
