import { injectedCard } from './cards.js';
import { attempt, type Attempt } from './model.js';
import { baseTime, injectedAmount } from './pattern-kit.js';
import { createRng } from './rng.js';

/**
 * The extra terminal whose journal was never exported: it exists only in settlement files, and every one of its
 * lines is a journal_not_imported case, so its volume stays at 1–2 lines a day (2 on the first, so even a one-day
 * scenario has two cases).
 */
export function unimportedDay(seed: number, day: number, firstCardId: number): Attempt[] {
  const rng = createRng(seed, 'unimported', day);
  const lines = day === 0 ? 2 : rng.int(1, 2);
  const out: Attempt[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(
      attempt({
        day,
        // baseTime ends at 20:00, before the cut-off, so the line settles on its own day and is always written.
        time: baseTime(rng),
        card: injectedCard(seed, firstCardId + i),
        amountFen: injectedAmount(rng),
        inJournal: false,
        truth: { category: 'journal_not_imported', note: 'settled on a terminal whose journal was not imported' },
      }),
    );
  }
  return out.sort((x, y) => x.time - y.time);
}

/** Card ids of day d start after those of days 0…d-1 (at most 2 a day). */
export function unimportedCardId(firstId: number, day: number): number {
  return firstId + day * 2;
}
